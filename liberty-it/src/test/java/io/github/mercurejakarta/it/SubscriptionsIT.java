package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.it.app.PresenceResource;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Active subscriptions on Open Liberty: subscription events in both drafts (content, encoding, privacy,
 * the end of a client that vanished), the subscriptions API (each authorization case, 404, ETag/304, a
 * topic holding slashes) and the presence helpers of {@code @Inject Mercure} in a test application.
 *
 * <p>The war is {@code presence.war}, so the hub path, and the prefix of every subscription topic, is
 * {@code /presence/.well-known/mercure}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubscriptionsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SUBSCRIBER_KEY = "subscriber-key-for-the-integration-tests";
    private static final TokenFactory TOKENS = new TokenFactory();
    private static final String HUB_PATH = "/presence/.well-known/mercure";
    private static final String API = HUB_PATH + "/subscriptions";

    /**
     * Servlet 6 containers refuse {@code %2F} in a request path by default ("suspicious sequences");
     * the subscriptions API needs it (topics are URLs, encoded as one path segment), so the application
     * opts in. On Open Liberty: this context parameter (or {@code <webContainer skipEncodedCharVerification="true"/>}).
     */
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>SKIP_ENCODED_CHAR_VERIFICATION</param-name>
                <param-value>true</param-value>
              </context-param>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("presence")
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.hub.keepalive.interval", "1")
                .classes(PresenceResource.class, PublishResource.class, PublishResource.Book.class)
                .build()
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(WEB_XML.strip()), "web.xml");
    }

    @ArquillianResource
    URL base;

    private URI hubUri() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
    }

    private URI hub(String... params) throws Exception {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            q.append(q.length() == 0 ? "?" : "&").append(params[i]).append('=').append(enc(params[i + 1]));
        }
        return URI.create(hubUri() + q.toString());
    }

    private URI api(String rawRest) throws Exception {
        return base.toURI().resolve(API + rawRest);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String token07(String... subscribe) {
        return TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of(subscribe), null, Duration.ofMinutes(5));
    }

    private String token08(Map<String, Object> payload, TopicGrant... subscribe) throws Exception {
        return TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), "mercure", hubUri().toString(), "it", List.of(),
                List.of(subscribe), payload, Duration.ofMinutes(5));
    }

    private static SseClient open(SseClient.Builder b) {
        SseClient sse = b.open();
        assertEquals(200, sse.status(), "the hub answered the subscription: " + sse.describe());
        return sse;
    }

    /** A draft-08 watcher of every subscription event, with the URL Pattern of the spec's example. */
    private SseClient watch08() throws Exception {
        String pattern = API + "/:t/:m/:s";
        return open(SseClient.to(hub("match_urlpattern", pattern)).authorization(token08(null, TopicGrant.urlPattern(pattern))));
    }

    /** A draft-07 watcher with the template the draft-07 spec suggests. */
    private SseClient watch07() throws Exception {
        String template = API + "/{topic}{/subscriber}";
        return open(SseClient.to(hub("topic", template)).authorization(token07(template)));
    }

    /** The next event satisfying {@code p}; events of other tests' subscribers are skipped. */
    private static SseEvent next(SseClient sse, Predicate<SseEvent> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SseEvent e = sse.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (p.test(e)) {
                return e;
            }
        }
    }

    private static Predicate<SseEvent> about(String match, boolean active) {
        return e -> e.data().contains(":" + json(match) + ",") && e.data().contains("\"active\":" + active);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, Object> parse(String json) throws Exception {
        return JsonUtil.parseJson(json);
    }

    private static String unique() {
        return "https://example.com/rooms/" + UUID.randomUUID();
    }

    @Test
    void draft08SubscriptionEventsAnnounceOpenAndCloseWithEventTypeMercure() throws Exception {
        String match = unique() + "/:s";
        try (SseClient watcher = watch08()) {
            String subscriber;
            try (SseClient s = open(SseClient.to(hub("match_urlpattern", match)))) {
                SseEvent opened = next(watcher, about(match, true));
                assertEquals("mercure", opened.event(), "draft-08 subscription events are event: mercure");
                Map<String, Object> doc = parse(opened.data());
                subscriber = (String) doc.get("subscriber");
                assertTrue(subscriber.startsWith("urn:uuid:"), "a random IRI per connection: " + subscriber);
                String id = API + "/urlpattern/" + SubscriptionTopics.encode(match) + "/" + SubscriptionTopics.encode(subscriber);
                assertTrue(id.contains("https%3A%2F%2Fexample.com%2Frooms%2F") && id.contains("%2F%3As/urn%3Auuid%3A"),
                        "/, : and the subscriber are percent-encoded once: " + id);
                assertEquals(Map.of("id", id, "type", "subscription", "match_type", "urlpattern", "match", match,
                        "subscriber", subscriber, "active", true), doc, "the draft-08 document");
            }
            SseEvent closed = next(watcher, about(match, false));
            assertEquals(subscriber, parse(closed.data()).get("subscriber"), "the same connection ended");
        }
    }

    @Test
    void draft07SubscriptionEventsAreJsonLdWithoutEventType() throws Exception {
        String topic = unique();
        try (SseClient watcher = watch07()) {
            try (SseClient s = open(SseClient.to(hub("topic", topic)))) {
                SseEvent opened = next(watcher, about(topic, true));
                assertNull(opened.event(), "draft-07 events have no event type");
                Map<String, Object> doc = parse(opened.data());
                String subscriber = (String) doc.get("subscriber");
                assertEquals("https://mercure.rocks/", doc.get("@context"));
                assertEquals("Subscription", doc.get("type"));
                assertEquals(topic, doc.get("topic"));
                assertEquals(API + "/" + SubscriptionTopics.encode(topic) + "/" + SubscriptionTopics.encode(subscriber), doc.get("id"),
                        "id = {hub}/subscriptions/{topic}/{subscriber}, each encoded once");
            }
            next(watcher, about(topic, false));
        }
    }

    @Test
    void theTokensPayloadIsEchoedPerSelector() throws Exception {
        String a = unique();
        String b = unique();
        String token = token08(Map.of("user", "alice"), TopicGrant.exact(a));
        try (SseClient watcher = watch08();
             SseClient s = open(SseClient.to(URI.create(hubUri() + "?match=" + enc(a) + "&match=" + enc(b))).authorization(token))) {
            assertEquals(Map.of("user", "alice"), parse(next(watcher, about(a, true)).data()).get("payload"),
                    "the selector the subscribe detail covers gets its payload");
            assertNull(parse(next(watcher, about(b, true)).data()).get("payload"), "a selector no detail covers gets none");
        }
    }

    @Test
    void anonymousWildcardSubscribersNeverSeeSubscriptionEvents() throws Exception {
        String topic = unique();
        try (SseClient anonymous = open(SseClient.to(hub("match", "*")));
             SseClient watcher = watch08()) {
            try (SseClient s = open(SseClient.to(hub("match", topic)))) {
                next(watcher, about(topic, true));
            }
            next(watcher, about(topic, false));
            HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("app/publish"), Form.of("topic", topic, "data", "marker"));
            assertEquals(200, r.statusCode(), r.body());
            SseEvent first = anonymous.next(WAIT);
            assertEquals("marker", first.data(), "the first event an anonymous * subscriber sees is the public update: " + first);
        }
    }

    @Test
    void aClientThatVanishesWithoutClosingIsAnnouncedInactive() throws Exception {
        String topic = unique();
        try (SseClient watcher = watch08()) {
            URI u = hub("match", topic);
            try (Socket socket = new Socket(u.getHost(), u.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                socket.setSoTimeout((int) WAIT.toMillis());
                while (!head.toString().contains("\r\n\r\n")) {
                    int c = in.read();
                    assertTrue(c >= 0, "the response head arrives: " + head);
                    head.append((char) c);
                }
                assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
                next(watcher, about(topic, true));
                socket.setSoLinger(true, 0); // close with a reset: no orderly end of the request
            }
            next(watcher, about(topic, false)); // found by a failed keep-alive write (interval 1 s)
        }
    }

    @Test
    void theApiNeedsATokenEvenForAnonymousHubs() throws Exception {
        HttpResponse<String> r = HttpCalls.get(api(""));
        assertEquals(401, r.statusCode(), "no token: " + r.body());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void theApiRefusesATokenNotCoveringThePath() throws Exception {
        HttpResponse<String> r = HttpCalls.get(api(""), "Authorization", "Bearer " + token07("https://example.com/{x}"));
        assertEquals(403, r.statusCode(), "the token grants other topics: " + r.body());
        assertEquals("Bearer error=\"insufficient_scope\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void theApiRefusesAnInvalidToken() throws Exception {
        String forged = TOKENS.draft07(SigningKey.hmac("not-the-subscriber-key-of-this-hub!!"), List.of(), List.of("*"), null, null);
        assertEquals(401, HttpCalls.get(api(""), "Authorization", "Bearer " + forged).statusCode(), "signed with another key");
    }

    @Test
    void theDraft07ApiFindsATopicHoldingSlashesAndOneSubscription() throws Exception {
        String topic = unique() + "/a/b";
        try (SseClient watcher = watch07();
             SseClient s = open(SseClient.to(hub("topic", topic)))) {
            String subscriber = (String) parse(next(watcher, about(topic, true)).data()).get("subscriber");
            String rest = "/" + SubscriptionTopics.encode(topic);
            HttpResponse<String> list = HttpCalls.get(api(rest), "Authorization", "Bearer " + token07(API + "{/rest*}"));
            assertEquals(200, list.statusCode(), "%2F reaches the hub inside one variable: " + list.body());
            assertEquals("application/ld+json", list.headers().firstValue("Content-Type").orElse(null));
            Map<String, Object> doc = parse(list.body());
            assertEquals(API + rest, doc.get("id"), "the collection's id is the request path");
            assertNotNull(doc.get("lastEventID"), "draft-07 answers carry lastEventID");
            assertEquals(1, ((List<?>) doc.get("subscriptions")).size(), "exactly this topic's subscription: " + list.body());
            HttpResponse<String> one = HttpCalls.get(api(rest + "/" + SubscriptionTopics.encode(subscriber)),
                    "Authorization", "Bearer " + token07(API + "{/rest*}"));
            assertEquals(200, one.statusCode(), one.body());
            Map<String, Object> single = parse(one.body());
            assertEquals("Subscription", single.get("type"), "the single resource is one document, not a collection");
            assertEquals(subscriber, single.get("subscriber"));
        }
    }

    @Test
    void theDraft08ApiAnswersJsonWithALinkAndA404ForUnknownSubscriptions() throws Exception {
        String topic = unique();
        String pattern = API + "/:t/:m/:s";
        try (SseClient watcher = watch08();
             SseClient s = open(SseClient.to(hub("match", topic)))) {
            String subscriber = (String) parse(next(watcher, about(topic, true)).data()).get("subscriber");
            String rest = "/exact/" + SubscriptionTopics.encode(topic) + "/" + SubscriptionTopics.encode(subscriber);
            HttpResponse<String> one = HttpCalls.get(api(rest), "Authorization", "Bearer " + token08(null, TopicGrant.urlPattern(pattern)));
            assertEquals(200, one.statusCode(), one.body());
            assertEquals("application/json", one.headers().firstValue("Content-Type").orElse(null));
            assertEquals("subscription", parse(one.body()).get("type"));
            String link = one.headers().firstValue("Link").orElse("");
            assertTrue(link.startsWith("<" + hubUri() + ">; rel=\"mercure\"; last-event-id=\""), link);
            assertTrue(link.contains("type=\"mercure\"") && link.contains("content-type=\"application/json\""), link);
            HttpResponse<String> unknown = HttpCalls.get(api("/exact/" + SubscriptionTopics.encode(topic) + "/urn%3Auuid%3Anobody"),
                    "Authorization", "Bearer " + token08(null, TopicGrant.urlPattern(pattern)));
            assertEquals(404, unknown.statusCode(), "an unknown subscription");
        }
    }

    @Test
    void theApiAnswers304WhileNothingChanged() throws Exception {
        String auth = "Bearer " + token07("*");
        HttpResponse<String> first = HttpCalls.get(api(""), "Authorization", auth);
        assertEquals(200, first.statusCode(), first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HttpCalls.get(api(""), "Authorization", auth, "If-None-Match", etag);
        assertEquals(304, again.statusCode(), "If-None-Match with the current ETag");
    }

    @Test
    void isConnectedFollowsASubscriberAndFiltersOnItsPayload() throws Exception {
        String topic = unique();
        String token = token08(Map.of("user", "alice"), TopicGrant.exact(topic));
        try (SseClient watcher = watch08()) {
            try (SseClient s = open(SseClient.to(hub("match", topic)).authorization(token))) {
                next(watcher, about(topic, true));
                assertEquals("true", presence("connected?topic=" + enc(topic) + "&user=alice"), "alice is on the topic");
                assertEquals("false", presence("connected?topic=" + enc(topic) + "&user=bob"), "bob is not");
                assertEquals("true", presence("connected?topic=" + enc(topic)), "somebody is");
            }
            next(watcher, about(topic, false));
            assertEquals("false", presence("connected?topic=" + enc(topic) + "&user=alice"), "alice left");
        }
    }

    @Test
    void getSubscriptionsListsSubscribersOfBothDrafts() throws Exception {
        String topic = unique();
        try (SseClient watcher = watch08();
             SseClient s07 = open(SseClient.to(hub("topic", topic)));
             SseClient s08 = open(SseClient.to(hub("match", topic)))) {
            String sub08 = (String) parse(next(watcher, e -> "mercure".equals(e.event()) && about(topic, true).test(e)).data()).get("subscriber");
            String lines = presence("subscriptions?topic=" + enc(topic));
            assertEquals(2, lines.lines().count(), "one subscription per connection: " + lines);
            assertTrue(lines.contains("DRAFT_07 null " + topic), lines);
            assertTrue(lines.contains("DRAFT_08 exact " + topic + " " + sub08 + " true"), lines);
            assertTrue(presence("subscription?topic=" + enc(topic) + "&subscriber=" + enc(sub08)).startsWith("DRAFT_08"),
                    "getSubscription finds one by subscriber");
        }
    }

    private String presence(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve("app/presence/" + pathAndQuery));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
