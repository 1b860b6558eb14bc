package io.github.mercurejakarta.http;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriptionRequest;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribing with {@code QUERY} (draft-08): selectors in a form body, the union with the URL's, the URL's
 * {@code last_event_id} over the body's and the header over both, the body's bound (413) and type (415), and
 * the same checks as GET. Over HTTP on both front ends: the server's QueryIT, Liberty's QueryIT.
 */
class QuerySubscribeTest {

    private static final String HUB_URL = "https://hub.example/.well-known/mercure";

    private Hub hub;
    private HubProtocol protocol;
    private final List<HubProtocol.SubscribeResult> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "0",
                "mercure.hub.max.body.size", "2048", "mercure.hub.max.selectors", "3"));
        hub = Hub.create(config);
        protocol = new HubProtocol(config, hub);
    }

    @AfterEach
    void stop() {
        opened.forEach(r -> r.subscription().close());
        hub.close();
    }

    private record Query(String rawQuery, Map<String, String> headers) implements HubRequest {
        @Override
        public String method() {
            return "QUERY";
        }

        @Override
        public String hubUrl() {
            return HUB_URL;
        }

        @Override
        public String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    private static Query form(String rawQuery) {
        return new Query(rawQuery, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"));
    }

    private static byte[] body(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private SubscriptionRequest open(HubRequest request, byte[] body) {
        HubProtocol.SubscribeResult r = protocol.query(request, body, new NullSink());
        assertTrue(r.ok(), () -> r.error().status() + " " + r.error().body());
        opened.add(r);
        return r.subscription().subscriber().request();
    }

    private HubResponse refused(HubRequest request, byte[] body) {
        HubProtocol.SubscribeResult r = protocol.query(request, body, new NullSink());
        assertTrue(!r.ok(), "refused");
        return r.error();
    }

    @Test
    void theBodysSelectorsSubscribeAsAQuerysWould() {
        SubscriptionRequest sr = open(form(null), body("match", "https://example.com/books/1",
                "match_urlpattern", "https://example.com/users/:id"));
        assertEquals(Dialect.DRAFT_08, sr.dialect());
        assertEquals(List.of("https://example.com/books/1", "https://example.com/users/:id"),
                sr.selectors().stream().map(TopicMatcher::selector).toList());
    }

    @Test
    void theUrlsAndTheBodysParametersAreTakenTogether() {
        SubscriptionRequest sr = open(form("match=" + URLEncoder.encode("https://example.com/a", StandardCharsets.UTF_8)),
                body("match", "https://example.com/b"));
        assertEquals(List.of("https://example.com/a", "https://example.com/b"),
                sr.selectors().stream().map(TopicMatcher::selector).toList());
    }

    @Test
    void lastEventIdTheUrlBeatsTheBodyAndTheHeaderBeatsBoth() {
        hub.publish(io.github.mercurejakarta.Update.builder().topic("https://example.com/a").data("1").id("urn:1").build());
        hub.publish(io.github.mercurejakarta.Update.builder().topic("https://example.com/a").data("2").id("urn:2").build());
        assertEquals("urn:2", open(form(null), body("match", "https://example.com/a", "last_event_id", "urn:2")).lastEventId(),
                "the body's alone");
        assertEquals("urn:1", open(form("last_event_id=urn:1"), body("match", "https://example.com/a", "last_event_id", "urn:2"))
                .lastEventId(), "the URL's beats the body's");
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
        headers.put("Last-Event-ID", "earliest");
        assertEquals("earliest", open(new Query("last_event_id=urn:1", headers),
                body("match", "https://example.com/a", "last_event_id", "urn:2")).lastEventId(), "the header beats both");
    }

    @Test
    void aBodyOverTheLimitIsA413NamingTheKey() {
        HubResponse r = refused(form(null), null);
        assertEquals(413, r.status());
        assertTrue(r.body().contains("mercure.hub.max.body.size (2048 bytes)"), r.body());
    }

    @Test
    void aBodyThatIsNotAFormIsA415() {
        HubResponse r = refused(new Query(null, Map.of("Content-Type", "application/json")),
                "{\"match\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, r.status());
        assertTrue(r.body().contains("application/x-www-form-urlencoded"), r.body());
        assertEquals(415, refused(new Query(null, Map.of()), body("match", "x")).status(), "no Content-Type with a body");
    }

    @Test
    void theChecksOfGetApplyToTheUnion() {
        assertEquals(400, refused(form(null), new byte[0]).status(), "no selector at all");
        assertEquals(400, refused(form(null), body("match_regex", "x")).status(), "an unknown matcher parameter");
        assertEquals(400, refused(form(null), body("match_urlpattern", "https://x/(")).status(), "a malformed URL Pattern");
        assertEquals(400, refused(form("match=a&match=b"), body("match", "c", "match", "d")).status(),
                "more selectors than mercure.hub.max.selectors, counted over URL and body");
        assertEquals(400, refused(form(null), "match=%FF".getBytes(StandardCharsets.US_ASCII)).status(), "not UTF-8");
    }

    @Test
    void aTokenIsNeverTakenFromTheBody() {
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.allow.anonymous", "false",
                "mercure.subscriber.secret.key", "a-test-secret-that-is-long-enough-for-hs256"));
        HubProtocol closed = new HubProtocol(config, hub);
        HubProtocol.SubscribeResult r = closed.query(form(null), body("topic", "x", "authorization", "e30.e30.x"), new NullSink());
        assertEquals(401, r.error().status(), "no token: the bare challenge, as for a GET without one");
    }

    @Test
    void thePreflightAllowsQuery() {
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.cors.origins", "https://app.example"));
        HubProtocol cors = new HubProtocol(config, hub);
        HubResponse r = cors.preflight(new Query(null, Map.of("Origin", "https://app.example",
                "Access-Control-Request-Method", "QUERY")));
        String methods = r.headers().get("Access-Control-Allow-Methods").get(0);
        assertTrue(List.of(methods.split(",\\s*")).contains("QUERY"), methods);
        assertTrue(r.headers().get("Access-Control-Allow-Headers").get(0).contains("Content-Type"));
    }
}
