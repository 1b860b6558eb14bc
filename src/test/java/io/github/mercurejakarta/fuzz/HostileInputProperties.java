package io.github.mercurejakarta.fuzz;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.InvalidTokenException;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TokenVerifier;
import io.github.mercurejakarta.auth.VerificationContext;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.FormData;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubRequest;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.http.MalformedFormException;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.match.InvalidSelectorException;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.SseEncoding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile and random input against every parser and the whole request-interpretation layer: each
 * input ends in an answer (2xx/4xx) or a documented exception — never another exception, never a 500 —
 * and the hub still delivers a normal update afterwards. jqwik prints the number of tries of each
 * property; {@link #report()} prints the total.
 */
class HostileInputProperties {

    private static final String PUBLISHER_KEY = "fuzz-publisher-key-0123456789abcdef";
    private static final String SUBSCRIBER_KEY = "fuzz-subscriber-key-0123456789abcdef";
    private static final String HUB_URL = "http://hub.test/.well-known/mercure";
    private static final Set<Integer> SUBSCRIBE_STATUSES = Set.of(200, 400, 401);
    private static final Set<Integer> PUBLISH_STATUSES = Set.of(200, 400, 401, 403, 413);
    private static final AtomicLong INPUTS = new AtomicLong();

    private static Hub hub;
    private static HubProtocol protocol;

    @BeforeContainer
    static void start() {
        MercureConfig config = MercureConfig.of(Map.of(
                "mercure.hub.allow.publish", "true",
                "mercure.publisher.secret.key", PUBLISHER_KEY,
                "mercure.subscriber.secret.key", SUBSCRIBER_KEY,
                "mercure.hub.keepalive.interval", "0",
                "mercure.hub.max.body.size", "65536",
                "mercure.hub.publish.origins", "https://app.test"));
        hub = Hub.create(config);
        protocol = new HubProtocol(config, hub);
    }

    @AfterContainer
    static void report() {
        // the hub still works after everything below
        List<String> seen = new ArrayList<>();
        SubscriberSink sink = new SubscriberSink() {
            @Override
            public synchronized CompletionStage<?> write(byte[] bytes) {
                seen.add(new String(bytes, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        HubProtocol.SubscribeResult r = protocol.subscribe(request("match=after-fuzz"), sink);
        assertTrue(r.ok(), String.valueOf(r.error()));
        r.subscription().start();
        hub.publish(Update.builder().topic("after-fuzz").id("final").build());
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.stream().noneMatch(s -> s.contains("id: final")) && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertTrue(seen.stream().anyMatch(s -> s.contains("id: final")), "the hub still delivers after the fuzzing");
        hub.close();
        System.out.println("HostileInputProperties: " + INPUTS.get() + " hostile or random inputs tried");
    }

    // ---------------------------------------------------------------- generators

    /** Characters that matter to the parsers, plus anything. */
    private static Arbitrary<String> nasty() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("%", "%2", "%ZZ", "%FF", "%C3%28", "%E2%82", "%00", "+", "&", "=", ";", "#", "?", "/", "\\",
                        "{", "}", "{id}", "{+path}", "{?q}", ":id", "(", ")", "(.*)", "*", "..", "%2e%2e", "\r", "\n", "\r\n",
                        "\u0000", "\u0085", "\u200b", "\u2028", "\uD800", "🚀", "é", "topic", "match", "match_urlpattern",
                        "lastEventID", "last_event_id", "authorization", "earliest", "https://", "/.well-known/mercure",
                        "subscriptions", "Bearer ", "ey", "."),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8));
        return pieces.list().ofMaxSize(20).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("topic", "match", "match_exact", "match_urlpattern",
                "Match", "match_regex", "lastEventID", "last_event_id", "authorization", "x"), nasty());
        Arbitrary<String> pair = Combinators.combine(name, nasty()).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(8).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> tokens() {
        TokenFactory f = new TokenFactory();
        String valid07 = f.draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), List.of("*"), null, null);
        String valid08 = f.draft08(SigningKey.hmac(PUBLISHER_KEY), "mercure", HUB_URL, "s",
                List.of(io.github.mercurejakarta.auth.TopicGrant.all()), List.of(), null, Duration.ofMinutes(5));
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(valid07, valid08), Arbitraries.integers().between(0, 400),
                Arbitraries.chars()).as((t, i, c) -> {
                    int at = Math.min(i, t.length() - 1);
                    return t.substring(0, at) + c + t.substring(at + 1);
                });
        Arbitrary<String> truncated = Combinators.combine(Arbitraries.of(valid07, valid08), Arbitraries.integers().between(0, 400))
                .as((t, i) -> t.substring(0, Math.min(i, t.length())));
        Arbitrary<String> crafted = Combinators.combine(
                Arbitraries.of("{\"alg\":\"none\"}", "{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1:1/jwks\"}",
                        "{\"alg\":\"RS256\"}", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"x\"]}", "{}", "[]", "null",
                        "{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\"}"),
                Arbitraries.of("{\"mercure\":{\"publish\":[\"*\"]}}", "{\"mercure\":{\"publish\":\"*\"}}",
                        "{\"authorization_details\":[{\"type\":\"https://mercure.rocks/authorization-detail\",\"actions\":[1],\"topics\":[]}]}",
                        "{\"exp\":\"soon\"}", "{\"mercure\":" + "[".repeat(200) + "]".repeat(200) + "}",
                        "{\"mercure\":{\"payload\":\"" + "x".repeat(20000) + "\"}}"),
                nasty()).as((h, p, sig) -> b64(h) + "." + b64(p) + "." + b64(sig));
        return Arbitraries.oneOf(mutated, truncated, crafted, nasty(), Arbitraries.of(valid07, valid08));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> authorizationHeaders() {
        return Arbitraries.oneOf(tokens().map(t -> "Bearer " + t), nasty(), Arbitraries.just("Bearer"),
                tokens().map(t -> "bearer  " + t + " extra"));
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 2000)
    void formParsingEitherParsesOrRefusesAsMalformed(@ForAll byte[] body) {
        INPUTS.incrementAndGet();
        try {
            FormData.parse(body);
        } catch (MalformedFormException expected) {
            // invalid UTF-8 or the like: the hub answers 400
        }
    }

    @Property(tries = 2000)
    void subscribeRequestsAlwaysGetAnAnswer(@ForAll("queries") String query, @ForAll("authorizationHeaders") String auth,
                                            @ForAll boolean sendAuth, @ForAll("tokens") String cookieToken) {
        INPUTS.incrementAndGet();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (sendAuth) {
            headers.put("Authorization", auth);
        } else {
            headers.put("Cookie", "mercureAuthorization=" + cookieToken + "; __Secure-mercure_access_token=" + cookieToken);
        }
        HubProtocol.SubscribeResult r = protocol.subscribe(request(query, headers), discardingSink());
        if (r.ok()) {
            r.subscription().close();
        } else {
            assertTrue(SUBSCRIBE_STATUSES.contains(r.error().status()), query + " -> " + r.error());
        }
    }

    @Property(tries = 2000)
    void publishRequestsAlwaysGetAnAnswer(@ForAll("queries") String body, @ForAll("authorizationHeaders") String auth,
                                          @ForAll boolean cookie, @ForAll("nastyOrNull") String origin) {
        INPUTS.incrementAndGet();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (cookie) {
            headers.put("Cookie", "__Secure-mercure_access_token=" + auth.replace("Bearer ", ""));
            if (origin != null) {
                headers.put("Origin", origin);
            }
        } else {
            headers.put("Authorization", auth);
        }
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        HubResponse r = protocol.publish(request("", headers), body.replace("topic=", "topic=fuzz-").getBytes(StandardCharsets.UTF_8));
        assertTrue(PUBLISH_STATUSES.contains(r.status()), body + " -> " + r);
    }

    @Provide
    Arbitrary<String> nastyOrNull() {
        return Arbitraries.oneOf(nasty(), Arbitraries.just("https://app.test")).injectNull(0.3);
    }

    @Property(tries = 2000)
    void tokensVerifyOrAreRefusedAsInvalid(@ForAll("tokens") String token) {
        INPUTS.incrementAndGet();
        TokenVerifier v = new TokenVerifier(VerificationKey.hmac(PUBLISHER_KEY));
        try {
            v.verify(token, new VerificationContext(HUB_URL, HUB_URL, Instant.now()));
        } catch (InvalidTokenException expected) {
            // 401 invalid_token
        }
    }

    @Property(tries = 2000)
    void selectorsCompileOrAreRefusedAndNeverThrowWhenMatching(@ForAll("selectors") String selector, @ForAll("topicsToMatch") String topic,
                                                               @ForAll boolean urlPattern) {
        INPUTS.incrementAndGet();
        TopicMatcher m;
        try {
            m = urlPattern ? TopicMatchers.urlPattern(selector, HUB_URL) : TopicMatchers.draft07(selector);
        } catch (InvalidSelectorException expected) {
            return;
        }
        m.matches(topic);
        m.matches(selector);
    }

    @Provide
    Arbitrary<String> selectors() {
        Arbitrary<String> shapes = Arbitraries.of("https://e.x/books/{id}", "https://e.x/{+path}", "/users/{id}/{?q*}",
                "https://e.x/books/:id", "/books/:id(\\d+)", "https://*.e.x/*", "((a+)+)+", "/(a|aa)+/:x*", "{/a,b,c*}");
        return Arbitraries.oneOf(shapes, Combinators.combine(shapes, nasty()).as((a, b) -> a + b), nasty());
    }

    @Provide
    Arbitrary<String> topicsToMatch() {
        return Arbitraries.oneOf(nasty(), Arbitraries.of("https://e.x/books/1", "https://e.x/a/b/c", "/users/1/?q=2",
                "a".repeat(5000) + "!", "https://e.x/" + "aa".repeat(3000) + "b"));
    }

    @Property(tries = 2000)
    void sseEncodingKeepsDataLinesAndNeverLetsDataForgeAField(@ForAll String data) {
        INPUTS.incrementAndGet();
        String frame = new String(SseEncoding.encode(Update.builder().topic("t").id("i").data(data).build()), StandardCharsets.UTF_8);
        assertTrue(frame.startsWith("id: i\n") && frame.endsWith("\n\n"));
        // "data: l1\ndata: l2\n" after the id line, then the blank line
        String body = frame.substring("id: i\n".length(), frame.length() - 1);
        String[] lines = body.split("\n", -1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].startsWith("data: "), "every line after the id is a data line: " + lines[i]);
            values.add(lines[i].substring("data: ".length()));
        }
        assertEquals("", lines[lines.length - 1]);
        String rebuilt = String.join("\n", values);
        assertEquals(data.replace("\r\n", "\n").replace('\r', '\n'), rebuilt, "data survives, line breaks normalised");
    }

    // ---------------------------------------------------------------- plumbing

    private static HubRequest request(String query) {
        return request(query, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    private static HubRequest request(String query, Map<String, String> headers) {
        return new HubRequest() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String hubUrl() {
                return HUB_URL;
            }

            @Override
            public String rawQuery() {
                return query;
            }

            @Override
            public String header(String name) {
                return headers.get(name);
            }
        };
    }

    private static SubscriberSink discardingSink() {
        return new SubscriberSink() {
            @Override
            public CompletionStage<?> write(byte[] bytes) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
