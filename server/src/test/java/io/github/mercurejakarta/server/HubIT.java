package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HandMadeJwt;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hub's protocol behaviour over real HTTP, against one hub process shared by all tests here (they use
 * distinct topics): the printed tokens publish in both drafts, tokens are checked, reconnection replays,
 * idle streams get keep-alives.
 */
class HubIT {

    static final String PUBLISHER_SECRET = "publisher-secret-for-the-standalone-hub-IT";
    static final String SUBSCRIBER_SECRET = "subscriber-secret-for-the-standalone-hub-IT";
    static final Duration WAIT = Duration.ofSeconds(5);
    /** The header of a token that is not an access token: draft-08 claims under it make a malformed token. */
    static final String JWT_TYP = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.startHub(List.of("--publisher-secret", PUBLISHER_SECRET, "--subscriber-secret", SUBSCRIBER_SECRET,
                "--keepalive-interval", "1"), Map.of());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String newTopic() {
        return "https://example.com/it/" + UUID.randomUUID();
    }

    static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> publish(String token, String topic, String data) {
        return HttpCalls.postForm(hub.hubUrl(), Form.of("topic", topic, "data", data), "Authorization", "Bearer " + token);
    }

    @Test
    void bannerPrintsTheHubUrlAndAPublisherTokenForEachDraft() {
        assertTrue(hub.hubUrl().toString().matches("http://localhost:\\d+/\\.well-known/mercure"),
                "the hub URL names localhost for a hub listening on 0.0.0.0; " + hub.output());
        assertTrue(hub.draft07Token().split("\\.").length == 3, "a draft-07 JWT is printed; " + hub.output());
        assertTrue(hub.draft08Token().split("\\.").length == 3, "a draft-08 JWT is printed; " + hub.output());
        assertTrue(hub.stdoutLines().stream().anyMatch(l -> l.startsWith("Publisher JWT (draft-08") && l.contains("1 year")),
                "the banner says when the draft-08 token expires; " + hub.output());
    }

    @Test
    void printedDraft07TokenPublishesToATopicSubscriber() {
        String topic = newTopic();
        try (SseClient sse = SseClient.open(hub.hubUrl(query("topic", topic)))) {
            assertEquals(200, sse.status(), sse.describe());
            HttpResponse<String> published = publish(hub.draft07Token(), topic, "hello draft-07");
            assertEquals(200, published.statusCode(), "publishing with the printed draft-07 token: " + published.body());
            assertTrue(published.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    "the publish answer is text/plain: " + published.headers().map());
            assertTrue(published.body().startsWith("urn:uuid:"), "the answer is the update's id: " + published.body());
            SseEvent event = sse.next(WAIT);
            assertEquals("hello draft-07", event.data());
            assertEquals(published.body(), event.id(), "the event carries the id the publisher was given");
        }
    }

    @Test
    void printedDraft08TokenPublishesToAMatchSubscriber() {
        String topic = newTopic();
        try (SseClient sse = SseClient.open(hub.hubUrl(query("match", topic)))) {
            assertEquals(200, sse.status(), sse.describe());
            HttpResponse<String> published = publish(hub.draft08Token(), topic, "hello draft-08");
            assertEquals(200, published.statusCode(), "publishing with the printed draft-08 token: " + published.body()
                    + "; " + published.headers().map());
            SseEvent event = sse.next(WAIT);
            assertEquals("hello draft-08", event.data());
            assertEquals(published.body(), event.id());
        }
    }

    @Test
    void publishingWithoutATokenIsRefusedWithABearerChallenge() {
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", newTopic(), "data", "x"));
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null), "challenge: " + r.headers().map());
    }

    @Test
    void publishingWithATokenSignedByAnotherSecretIsAnInvalidToken() {
        String forged = new TokenFactory().draft07(SigningKey.hmac("not-the-publisher-secret-of-this-hub!!"),
                List.of("*"), null, null, null);
        HttpResponse<String> r = publish(forged, newTopic(), "x");
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                "challenge: " + r.headers().map());
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequestOnPublishAndSubscribeInBothDrafts() {
        assumeTrue(HubProcess.frontEnd().equals("netty"), "RESTEasy's reactor-netty adapter keeps only the last of"
                + " repeated request headers (ReactorNettyHttpRequest puts each one with putSingle): see server/README.md");
        String topic = newTopic();
        String token = "Bearer " + hub.draft07Token();
        HttpResponse<String> published = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", topic, "data", "x"),
                "Authorization", token, "Authorization", "Bearer " + hub.draft08Token());
        assertInvalidRequest(published, "publish");
        String subscriberToken = "Bearer " + new TokenFactory().draft07(SigningKey.hmac(SUBSCRIBER_SECRET), null, List.of("*"), null, null);
        assertInvalidRequest(HttpCalls.get(hub.hubUrl(query("topic", topic)), "Authorization", subscriberToken,
                "Authorization", subscriberToken), "draft-07 subscribe");
        assertInvalidRequest(HttpCalls.get(hub.hubUrl(query("match", topic)), "Authorization", subscriberToken,
                "Authorization", subscriberToken), "draft-08 subscribe");
        // one of them alone is fine
        assertEquals(200, publish(hub.draft07Token(), topic, "x").statusCode());
    }

    private static void assertInvalidRequest(HttpResponse<String> r, String what) {
        assertEquals(400, r.statusCode(), what + " with two Authorization headers: " + r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_request\""),
                what + ": " + r.headers().map());
    }

    @Test
    void draft08ClaimsInATokenNotTypedAtJwtAreAnInvalidToken() {
        String topic = newTopic();
        String claims = HandMadeJwt.draft08Claims(hub.hubUrl().toString(), "publish", "subscribe");
        String publisher = HandMadeJwt.hs256(JWT_TYP, claims, PUBLISHER_SECRET);
        HttpResponse<String> published = publish(publisher, topic, "x");
        assertEquals(401, published.statusCode(), published.body());
        assertTrue(published.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                published.headers().map().toString());
        String subscriber = HandMadeJwt.hs256(JWT_TYP, claims, SUBSCRIBER_SECRET);
        HttpResponse<String> subscribed = HttpCalls.get(hub.hubUrl(query("match", topic)), "Authorization", "Bearer " + subscriber);
        assertEquals(401, subscribed.statusCode(), "not read as a draft-07 token without grants; " + subscribed.body());
    }

    @Test
    void draft07ReconnectionWithLastEventIdReplaysTheLaterUpdates() {
        String topic = newTopic();
        List<String> ids = publishThree(topic);
        try (SseClient sse = SseClient.to(hub.hubUrl(query("topic", topic))).lastEventId(ids.get(0)).open()) {
            assertEquals(200, sse.status(), sse.describe());
            assertEquals(ids.get(0), sse.header("Last-Event-ID"), "draft-07 answers the cursor in Last-Event-ID");
            List<SseEvent> replayed = sse.nextN(2, WAIT);
            assertEquals(List.of(ids.get(1), ids.get(2)), replayed.stream().map(SseEvent::id).toList());
            assertEquals(List.of("two", "three"), replayed.stream().map(SseEvent::data).toList());
        }
    }

    @Test
    void draft08ReconnectionWithLastEventIdReplaysTheLaterUpdates() {
        String topic = newTopic();
        List<String> ids = publishThree(topic);
        try (SseClient sse = SseClient.to(hub.hubUrl(query("match", topic))).lastEventId(ids.get(0)).open()) {
            assertEquals(200, sse.status(), sse.describe());
            assertEquals(ids.get(0), sse.header("Mercure-Last-Event-ID"), "draft-08 answers the cursor in Mercure-Last-Event-ID");
            List<SseEvent> replayed = sse.nextN(2, WAIT);
            assertEquals(List.of(ids.get(1), ids.get(2)), replayed.stream().map(SseEvent::id).toList());
        }
    }

    private static List<String> publishThree(String topic) {
        return List.of("one", "two", "three").stream().map(data -> {
            HttpResponse<String> r = publish(hub.draft07Token(), topic, data);
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }).toList();
    }

    @Test
    void anIdleStreamReceivesKeepAliveComments() {
        try (SseClient sse = SseClient.open(hub.hubUrl(query("topic", newTopic())))) {
            assertEquals(200, sse.status(), sse.describe());
            sse.nextComment(WAIT); // the opening comment, sent at once
            sse.nextComment(Duration.ofSeconds(4)); // --keepalive-interval 1: within 1.5 s normally
            assertTrue(sse.noEventWithin(Duration.ZERO), "keep-alives are comments, not events: " + sse.describe());
        }
    }
}
