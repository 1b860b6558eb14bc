package io.github.mercurejakarta.it;

import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The embedded hub in an application that only added the jar: no configuration at all. The app publishes
 * with {@code @Inject Mercure}; subscribers use both dialects over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HubIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("hub").classes(PublishResource.class, PublishResource.Book.class).build();
    }

    @ArquillianResource
    URL base;

    private URI uri(String pathAndQuery) throws Exception {
        return base.toURI().resolve(pathAndQuery);
    }

    private URI hub(String... params) throws Exception {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            q.append(q.length() == 0 ? "?" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return uri(".well-known/mercure" + q);
    }

    private String publish(String topic, String data) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(uri("app/publish"), Form.of("topic", topic, "data", data));
        assertEquals(200, r.statusCode(), "the app's publish endpoint: " + r.body());
        return r.body();
    }

    /** Opens a stream and waits until the hub answered (the subscription is registered by then). */
    private static SseClient subscribe(URI uri) {
        SseClient sse = SseClient.open(uri);
        assertEquals(200, sse.status(), "subscribe " + uri);
        return sse;
    }

    private static String topic() {
        return "https://example.com/books/" + UUID.randomUUID();
    }

    @Test
    void injectedMercurePublishesToADraft07Subscriber() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(hub("topic", topic))) {
            assertEquals(200, sse.status());
            assertTrue(sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
            String id = publish(topic, "hello");
            SseEvent e = sse.next(WAIT);
            assertEquals("hello", e.data());
            assertEquals(id, e.id(), "the id returned by publish() is the event id");
            assertTrue(id.startsWith("urn:uuid:"), id);
        }
    }

    @Test
    void injectedMercurePublishesToADraft08Subscriber() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(hub("match", topic))) {
            publish(topic, "hi 08");
            assertEquals("hi 08", sse.next(WAIT).data());
        }
    }

    @Test
    void streamHeadersArriveAtOnceWithNoCaching() throws Exception {
        try (SseClient sse = SseClient.to(hub("match", topic())).headersTimeout(Duration.ofSeconds(3)).open()) {
            assertEquals(200, sse.status(), "headers are flushed before any update (Liberty withholds them otherwise)");
            assertTrue(sse.header("Cache-Control").contains("no-store"), sse.header("Cache-Control"));
            assertEquals("no", sse.header("X-Accel-Buffering"));
            assertNull(sse.header("Mercure-Last-Event-ID"), "no cursor, no cursor header");
        }
    }

    @Test
    void objectsArePublishedAsJson() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(hub("topic", topic))) {
            HttpCalls.postForm(uri("app/publish-book"), Form.of("topic", topic, "title", "Dune", "year", "1965"));
            assertEquals("{\"title\":\"Dune\",\"year\":1965}", sse.next(WAIT).data());
        }
    }

    @Test
    void everyFieldOfAnUpdateIsFramedExactly() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(hub("match", topic))) {
            HttpResponse<String> r = HttpCalls.postForm(uri("app/publish-update"),
                    Form.of("topic", topic, "data", "line1\nline2\n\nline4", "id", "custom-1", "type", "book", "retry", "2500"));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("custom-1", r.body());
            String raw = sse.awaitReceivedText("data: line4\n\n", WAIT);
            assertTrue(raw.endsWith("event: book\nid: custom-1\nretry: 2500\ndata: line1\ndata: line2\ndata: \ndata: line4\n\n"),
                    "exact framing, empty line kept: " + raw);
        }
    }

    @Test
    void alternateTopicsAndSeveralSelectorsDeliverOnce() throws Exception {
        String a = topic();
        String b = topic();
        try (SseClient sse = subscribe(uri(".well-known/mercure?match=" + enc(a) + "&match=" + enc(b) + "&match=*"))) {
            HttpCalls.postForm(uri("app/publish-update"), Form.of("topic", a, "topic", b, "data", "once", "id", "once-" + a));
            publish(b, "second");
            assertEquals("once", sse.next(WAIT).data(), sse.describe());
            assertEquals("second", sse.next(WAIT).data(), "the first update was not delivered twice");
        }
    }

    @Test
    void uriTemplateSelectorsMatchDraft07Topics() throws Exception {
        String prefix = "https://example.com/shelves/" + UUID.randomUUID();
        try (SseClient sse = subscribe(hub("topic", prefix + "/books/{id}"))) {
            publish(prefix + "/books/1/reviews", "not me");
            publish(prefix + "/books/42", "book 42");
            assertEquals("book 42", sse.next(WAIT).data());
        }
    }

    @Test
    void privateUpdatesNeverReachAnonymousSubscribers() throws Exception {
        String topic = topic();
        try (SseClient sse = subscribe(hub("topic", topic))) {
            HttpCalls.postForm(uri("app/publish-update"), Form.of("topic", topic, "data", "secret", "private", "true"));
            publish(topic, "public");
            assertEquals("public", sse.next(WAIT).data(), "the private update was skipped");
        }
    }

    @Test
    void reconnectionWithTheHeaderReplaysWhatWasMissed() throws Exception {
        String topic = topic();
        String first = publish(topic, "1");
        publish(topic, "2");
        publish(topic, "3");
        try (SseClient sse = SseClient.to(hub("topic", topic)).lastEventId(first).open()) {
            assertEquals(first, sse.header("Last-Event-ID"), "draft-07 echoes the cursor in Last-Event-ID");
            assertEquals(List.of("2", "3"), sse.nextN(2, WAIT).stream().map(SseEvent::data).toList());
            publish(topic, "4");
            assertEquals("4", sse.next(WAIT).data(), "then live, no gap");
        }
    }

    @Test
    void reconnectionWithEachQueryParameterOfEachDialect() throws Exception {
        String topic = topic();
        String first = publish(topic, "a");
        publish(topic, "b");
        try (SseClient sse = subscribe(hub("topic", topic, "lastEventID", first))) {
            assertEquals(first, sse.header("Last-Event-ID"));
            assertEquals("b", sse.next(WAIT).data());
        }
        try (SseClient sse = subscribe(hub("match", topic, "last_event_id", first))) {
            assertEquals(first, sse.header("Mercure-Last-Event-ID"), "draft-08 uses Mercure-Last-Event-ID");
            assertNull(sse.header("Last-Event-ID"));
            assertEquals("b", sse.next(WAIT).data());
        }
    }

    @Test
    void theHeaderCursorBeatsTheQueryCursor() throws Exception {
        String topic = topic();
        String first = publish(topic, "x1");
        String second = publish(topic, "x2");
        publish(topic, "x3");
        try (SseClient sse = SseClient.to(hub("match", topic, "last_event_id", first)).lastEventId(second).open()) {
            assertEquals(second, sse.header("Mercure-Last-Event-ID"));
            assertEquals("x3", sse.next(WAIT).data());
        }
    }

    @Test
    void earliestAndUnknownCursorsReplayTheHistoryAndSayEarliest() throws Exception {
        String topic = topic();
        publish(topic, "h1");
        publish(topic, "h2");
        for (String cursor : List.of("earliest", "no-such-id-" + UUID.randomUUID())) {
            try (SseClient sse = subscribe(hub("match", topic, "last_event_id", cursor))) {
                assertEquals("earliest", sse.header("Mercure-Last-Event-ID"), cursor);
                assertEquals(List.of("h1", "h2"), sse.nextN(2, WAIT).stream().map(SseEvent::data).toList(), cursor);
            }
        }
    }

    @Test
    void malformedSubscriptionsGet400AndTheHubKeepsServing() throws Exception {
        assertEquals(400, HttpCalls.get(hub()).statusCode(), "no selector");
        assertEquals(400, HttpCalls.get(hub("match_regex", "x")).statusCode(), "unknown matcher type");
        assertEquals(400, HttpCalls.get(hub("Match", "x")).statusCode(), "match* names are case-sensitive");
        assertEquals(400, HttpCalls.get(hub("topic", "a", "match", "b")).statusCode(), "dialects do not mix");
        assertEquals(400, HttpCalls.get(hub("match", "a\u0001b")).statusCode(), "control characters");
        assertEquals(400, HttpCalls.get(uri(".well-known/mercure?match=%FF%FE")).statusCode(), "invalid UTF-8");
        HttpResponse<String> bad = HttpCalls.get(hub("match", "x"), "Authorization", "Basic Zm9v");
        assertEquals(400, bad.statusCode(), "malformed Authorization header");
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_request"));
        assertEquals(401, HttpCalls.get(hub("match", "x"), "Authorization", "Bearer not.a.jwt").statusCode(),
                "an invalid token is refused even though anonymous subscribers are allowed");
        String topic = topic();
        try (SseClient sse = subscribe(hub("match", topic))) {
            publish(topic, "still serving");
            assertEquals("still serving", sse.next(WAIT).data());
        }
    }

    @Test
    void httpPublishingIsOffByDefault() throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(hub(), Form.of("topic", "x", "data", "y"));
        assertEquals(405, r.statusCode(), r.body());
    }

    @Test
    void closedSubscribersDoNotDisturbOthers() throws Exception {
        String topic = topic();
        SseClient gone = subscribe(hub("match", topic));
        gone.close();
        publish(topic, "to nobody");
        try (SseClient sse = subscribe(hub("match", topic))) {
            for (int i = 0; i < 20; i++) {
                publish(topic, "m" + i);
            }
            assertEquals(20, sse.nextN(20, WAIT).size());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
