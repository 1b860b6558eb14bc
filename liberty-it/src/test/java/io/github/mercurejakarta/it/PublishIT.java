package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HandMadeJwt;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The embedded hub with HTTP publishing on: publisher tokens of both drafts, every publish rule of the
 * spec with its status code, private updates for token holders, CSRF, CORS and keep-alive.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PublishIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUBLISHER_KEY = "publisher-key-for-the-integration-tests!";
    private static final String SUBSCRIBER_KEY = "subscriber-key-for-the-integration-tests";
    private static final String APP_ORIGIN = "https://app.example";
    private static final TokenFactory TOKENS = new TokenFactory();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("publish")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.hub.keepalive.interval", "1")
                .config("mercure.hub.max.body.size", "4096")
                .config("mercure.hub.publish.origins", APP_ORIGIN)
                .config("mercure.hub.cors.origins", APP_ORIGIN)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI hubUri() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
    }

    private URI hub(String name, String value) throws Exception {
        return URI.create(hubUri() + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private String audience() throws Exception {
        return hubUri().toString();
    }

    private static String draft07Publisher(String... topics) {
        return TOKENS.draft07(SigningKey.hmac(PUBLISHER_KEY), List.of(topics), List.of(), null, null);
    }

    private String draft08Publisher(String key, String audience, TopicGrant... topics) {
        return TOKENS.draft08(SigningKey.hmac(key), "mercure", audience, "it", List.of(topics), List.of(), null,
                Duration.ofMinutes(5));
    }

    private HttpResponse<String> post(Form form, String... headers) throws Exception {
        return HttpCalls.postForm(hubUri(), form, headers);
    }

    private static SseClient subscribe(SseClient.Builder b) {
        SseClient sse = b.open();
        assertEquals(200, sse.status(), sse.describe());
        return sse;
    }

    private static String topic() {
        return "https://example.com/books/" + UUID.randomUUID();
    }

    @Test
    void draft07PublisherTokenPublishes() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(SseClient.to(hub("topic", topic)))) {
            HttpResponse<String> r = post(Form.of("topic", topic, "data", "via 07"), "Authorization", "Bearer " + draft07Publisher("*"));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertEquals(r.body(), sse.next(WAIT).id(), "the answer is the update's id");
        }
    }

    @Test
    void draft08AccessTokenPublishes() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(SseClient.to(hub("match", topic)))) {
            HttpResponse<String> r = post(Form.of("topic", topic, "data", "via 08"),
                    "Authorization", "Bearer " + draft08Publisher(PUBLISHER_KEY, audience(), TopicGrant.all()));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("via 08", sse.next(WAIT).data());
        }
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequestOnPublishAndSubscribeInBothDrafts() throws Exception {
        String topic = topic();
        String publisher = "Bearer " + draft07Publisher("*");
        assertInvalidRequest(post(Form.of("topic", topic, "data", "x"), "Authorization", publisher,
                "Authorization", "Bearer " + draft08Publisher(PUBLISHER_KEY, audience(), TopicGrant.all())), "publish");
        String subscriber = "Bearer " + TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of("*"), null, null);
        assertInvalidRequest(HttpCalls.get(hub("topic", topic), "Authorization", subscriber, "Authorization", subscriber),
                "draft-07 subscribe");
        assertInvalidRequest(HttpCalls.get(hub("match", topic), "Authorization", subscriber, "Authorization", subscriber),
                "draft-08 subscribe");
        assertEquals(200, post(Form.of("topic", topic, "data", "x"), "Authorization", publisher).statusCode(),
                "one of them alone publishes");
    }

    private static void assertInvalidRequest(HttpResponse<String> r, String what) {
        assertEquals(400, r.statusCode(), what + " with two Authorization headers: " + r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_request\""),
                what + ": " + r.headers().map());
    }

    @Test
    void draft08ClaimsInATokenNotTypedAtJwtAreAnInvalidToken() throws Exception {
        String topic = topic();
        String claims = HandMadeJwt.draft08Claims(audience(), "publish", "subscribe");
        String jwtTyp = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        HttpResponse<String> published = post(Form.of("topic", topic, "data", "x"),
                "Authorization", "Bearer " + HandMadeJwt.hs256(jwtTyp, claims, PUBLISHER_KEY));
        assertEquals(401, published.statusCode(), published.body());
        assertTrue(published.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                published.headers().map().toString());
        HttpResponse<String> subscribed = HttpCalls.get(hub("match", topic),
                "Authorization", "Bearer " + HandMadeJwt.hs256(jwtTyp, claims, SUBSCRIBER_KEY));
        assertEquals(401, subscribed.statusCode(), "not read as a draft-07 token without grants; " + subscribed.body());
    }

    @Test
    void publishingWithoutATokenGetsABareChallenge() throws Exception {
        HttpResponse<String> r = post(Form.of("topic", topic()));
        assertEquals(401, r.statusCode());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void invalidTokensGetInvalidToken() throws Exception {
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"mercure\":{\"publish\":[\"*\"]}}".getBytes()) + ".";
        for (String token : List.of(
                TOKENS.draft07(SigningKey.hmac("some-other-key-of-sufficient-length!!"), List.of("*"), List.of(), null, null),
                unsigned,
                draft08Publisher(PUBLISHER_KEY, "https://not-this-hub.example/.well-known/mercure", TopicGrant.all()),
                TOKENS.draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), List.of(), null, Duration.ofSeconds(-60)),
                "garbage")) {
            HttpResponse<String> r = post(Form.of("topic", topic()), "Authorization", "Bearer " + token);
            assertEquals(401, r.statusCode(), token);
            assertEquals("Bearer error=\"invalid_token\"", r.headers().firstValue("WWW-Authenticate").orElse(""), token);
        }
    }

    @Test
    void aTokenMustGrantEveryTopicOfTheUpdate() throws Exception {
        String allowed = topic();
        String other = topic();
        try (SseClient sse = subscribe(SseClient.to(hub("match", allowed)))) {
            HttpResponse<String> r = post(Form.of("topic", allowed, "topic", other), "Authorization", "Bearer " + draft07Publisher(allowed));
            assertEquals(403, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
            HttpResponse<String> ok = post(Form.of("topic", allowed, "data", "granted"), "Authorization", "Bearer " + draft07Publisher(allowed));
            assertEquals(200, ok.statusCode());
            assertEquals("granted", sse.next(WAIT).data(), "the refused update was never dispatched");
        }
    }

    @Test
    void everyPublishRuleHasItsStatus() throws Exception {
        String auth = "Bearer " + draft07Publisher("*");
        Map<String, Form> bad = Map.of(
                "no topic", Form.of("data", "x"),
                "topic *", Form.of("topic", "*"),
                "reserved namespace", Form.of("topic", "https://other/.well-known/%6Dercure/subscriptions/x"),
                "type mercure", Form.of("topic", "t", "type", "mercure"),
                "negative retry", Form.of("topic", "t", "retry", "-1"),
                "id with #", Form.of("topic", "t", "id", "#1"),
                "id earliest", Form.of("topic", "t", "id", "earliest"),
                "control character in topic", Form.of("topic", "a\u0001b"),
                "line break in id", Form.of("topic", "t", "id", "a\nid: forged"));
        for (Map.Entry<String, Form> e : bad.entrySet()) {
            HttpResponse<String> r = post(e.getValue(), "Authorization", auth);
            assertEquals(400, r.statusCode(), e.getKey() + ": " + r.body());
        }
        assertEquals(200, post(Form.of("topic", topic(), "unknown", "ignored"), "Authorization", auth).statusCode(),
                "unknown fields are ignored");
        HttpResponse<String> utf8 = HttpCalls.send(HttpRequest.newBuilder(hubUri())
                .header("Content-Type", HttpCalls.FORM_CONTENT_TYPE).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'t', 'o', 'p', 'i', 'c', '=', (byte) 0xff})));
        assertEquals(400, utf8.statusCode(), "invalid UTF-8");
        HttpResponse<String> big = post(Form.of("topic", topic(), "data", "x".repeat(5000)), "Authorization", auth);
        assertEquals(413, big.statusCode(), "over mercure.hub.max.body.size");
        String topic = topic();
        try (SseClient sse = subscribe(SseClient.to(hub("match", topic)))) {
            assertEquals(200, post(Form.of("topic", topic, "data", "still fine"), "Authorization", auth).statusCode());
            assertEquals("still fine", sse.next(WAIT).data(), "bad requests broke nothing");
        }
    }

    @Test
    void privateUpdatesReachOnlySubscribersWhoseTokenGrantsATopic() throws Exception {
        String topic = topic();
        String sub07 = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of(topic), null, Duration.ofMinutes(5));
        String sub08 = TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), "mercure", audience(), "u1", List.of(),
                List.of(TopicGrant.exact(topic)), null, Duration.ofMinutes(5));
        String otherTopicToken = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of(topic()), null, Duration.ofMinutes(5));
        try (SseClient anonymous = subscribe(SseClient.to(hub("topic", topic)));
             SseClient header07 = subscribe(SseClient.to(hub("topic", topic)).authorization(sub07));
             SseClient cookie08 = subscribe(SseClient.to(hub("match", topic)).cookie("__Secure-mercure_access_token", sub08));
             SseClient wrongGrant = subscribe(SseClient.to(hub("match", "*")).authorization(otherTopicToken))) {
            assertEquals(200, post(Form.of("topic", topic, "data", "secret", "private", ""), "Authorization", "Bearer " + draft07Publisher("*")).statusCode(),
                    "private by presence, even empty");
            assertEquals(200, post(Form.of("topic", topic, "data", "public"), "Authorization", "Bearer " + draft07Publisher("*")).statusCode());
            assertEquals("secret", header07.next(WAIT).data(), "draft-07 token in the Authorization header");
            assertEquals("secret", cookie08.next(WAIT).data(), "draft-08 token in the cookie");
            assertEquals("public", anonymous.next(WAIT).data(), "anonymous subscribers skip the private update");
            assertEquals("public", wrongGrant.next(WAIT).data(), "a wildcard selector does not widen a token's grants");
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        String token = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of("*"), null, Duration.ofSeconds(2));
        try (SseClient sse = subscribe(SseClient.to(hub("topic", topic())).authorization(token))) {
            assertTrue(sse.awaitEnd(Duration.ofSeconds(8)), "closed at exp: " + sse.describe());
        }
    }

    @Test
    void idleStreamsGetKeepAliveComments() throws Exception {
        try (SseClient sse = subscribe(SseClient.to(hub("match", topic())))) {
            assertNotNull(sse.nextComment(Duration.ofSeconds(2)), "the opening comment");
            assertNotNull(sse.nextComment(Duration.ofSeconds(4)), "a keep-alive at most one interval (1 s) after the opening comment");
        }
    }

    @Test
    void cookiePublishingChecksTheOrigin() throws Exception {
        String cookie = "__Secure-mercure_access_token=" + draft07Publisher("*");
        HttpResponse<String> noOrigin = post(Form.of("topic", topic()), "Cookie", cookie);
        assertEquals(400, noOrigin.statusCode(), "a cookie without Origin/Referer is refused (CSRF)");
        assertTrue(noOrigin.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_request"));
        assertEquals(400, post(Form.of("topic", topic()), "Cookie", cookie, "Origin", "https://evil.example").statusCode());
        assertEquals(200, post(Form.of("topic", topic()), "Cookie", cookie, "Origin", APP_ORIGIN).statusCode());
        assertEquals(200, post(Form.of("topic", topic()), "Cookie", cookie, "Referer", APP_ORIGIN + "/page").statusCode());
    }

    @Test
    void corsAllowsOnlyListedOrigins() throws Exception {
        HttpResponse<String> listed = HttpCalls.send(HttpRequest.newBuilder(hub("match", "x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, last-event-id"));
        assertEquals(APP_ORIGIN, listed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", listed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        String allowed = listed.headers().firstValue("Access-Control-Allow-Headers").orElse("");
        assertTrue(allowed.contains("Authorization") && allowed.contains("Last-Event-ID") && allowed.contains("Cache-Control"), allowed);
        HttpResponse<String> unlisted = HttpCalls.send(HttpRequest.newBuilder(hub("match", "x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example"));
        assertTrue(unlisted.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "never an echo of an unlisted origin");
        try (SseClient sse = subscribe(SseClient.to(hub("match", "x")).header("Origin", APP_ORIGIN))) {
            assertEquals(APP_ORIGIN, sse.header("Access-Control-Allow-Origin"));
            assertTrue(sse.header("Access-Control-Expose-Headers").contains("Link"));
        }
    }
}
