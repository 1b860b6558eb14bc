package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.WAIT;
import static io.github.mercurejakarta.portable.PortableApp.open;
import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Publish and subscribe over SSE on the server under test: streams open at once, updates published by
 * the application ({@code @Inject Mercure}), by a CDI event ({@code @MercureTopic}) and over HTTP with a
 * publisher JWT reach subscribers of both drafts, framed exactly.
 */
class PublishSubscribeIT extends PortableIT {

    @Test
    void theStreamOpensAtOnceWithSseHeaders() {
        try (SseClient sse = SseClient.to(app.hub("match", topic("books"))).headersTimeout(Duration.ofSeconds(3)).open()) {
            assertEquals(200, sse.status(), "headers are sent before any update, on " + PortableApp.server());
            assertTrue(sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
            assertTrue(sse.header("Cache-Control").contains("no-store"), sse.header("Cache-Control"));
        }
    }

    @Test
    void anUpdatePublishedByTheApplicationReachesDraft07AndDraft08Subscribers() {
        String topic = topic("books");
        try (SseClient d07 = open(SseClient.to(app.hub("topic", topic)));
             SseClient d08 = open(SseClient.to(app.hub("match", topic)))) {
            String id = app.publish(topic, "{\"title\":\"Dune\"}");
            assertTrue(id.startsWith("urn:uuid:"), "publish() answers the generated id: " + id);
            SseEvent e07 = d07.next(WAIT);
            SseEvent e08 = d08.next(WAIT);
            assertEquals("{\"title\":\"Dune\"}", e07.data());
            assertEquals(id, e07.id(), "the event id is the id publish() returned");
            assertEquals(e07, e08, "both drafts receive the same event");
        }
    }

    @Test
    void everyFieldOfAnUpdateIsFramedExactly() {
        String topic = topic("books");
        try (SseClient sse = open(SseClient.to(app.hub("match", topic)))) {
            String id = app.publish(topic, "line1\nline2\n\nline4", "id", "custom-" + topic.hashCode(), "type", "book", "retry", "2500");
            String raw = sse.awaitReceivedText("data: line4\n\n", WAIT);
            // the frame, byte for byte, at the start of a line; Jersey (Payara) follows each event with one
            // more LF, a blank line that dispatches nothing
            assertTrue(raw.contains("\nevent: book\nid: " + id + "\nretry: 2500\ndata: line1\ndata: line2\ndata: \ndata: line4\n\n"),
                    "exact framing, the empty line kept, on " + PortableApp.server() + ": " + raw);
            assertEquals(new SseEvent(id, "book", "line1\nline2\n\nline4", 2500L), sse.next(WAIT));
        }
    }

    @Test
    void aCdiEventWithMercureTopicIsPublished() {
        String id = java.util.UUID.randomUUID().toString();
        try (SseClient sse = open(SseClient.to(app.hub("topic", "https://example.com/books/" + id)))) {
            HttpResponse<String> r = HttpCalls.postForm(app.uri("app/books"), Form.of("id", id, "title", "Dune"));
            assertEquals(204, r.statusCode(), "the resource firing the event: " + r.body());
            SseEvent e = sse.next(WAIT);
            assertEquals("book-changed", e.event());
            assertEquals("{\"id\":\"" + id + "\",\"title\":\"Dune\"}", e.data(), "the record serialised with the server's JSON-B");
        }
    }

    @Test
    void anUpdatePostedWithAPublisherJwtIsDelivered() {
        String topic = topic("books");
        try (SseClient sse = open(SseClient.to(app.hub("topic", topic)))) {
            HttpResponse<String> r = HttpCalls.postForm(app.hub(), Form.of("topic", topic, "data", "over http"),
                    "Authorization", "Bearer " + PortableApp.publisherToken07());
            assertEquals(200, r.statusCode(), r.body());
            SseEvent e = sse.next(WAIT);
            assertEquals("over http", e.data());
            assertEquals(r.body(), e.id(), "the hub answers the id it assigned");
        }
    }

    @Test
    void aPublishWithoutAValidJwtIs401AndTheHubKeepsServing() {
        String topic = topic("books");
        HttpResponse<String> none = HttpCalls.postForm(app.hub(), Form.of("topic", topic, "data", "x"));
        assertEquals(401, none.statusCode(), none.body());
        HttpResponse<String> forged = HttpCalls.postForm(app.hub(), Form.of("topic", topic, "data", "x"),
                "Authorization", "Bearer " + PortableApp.subscriberToken07("*"));
        assertEquals(401, forged.statusCode(), "a token signed with another key: " + forged.body());
        try (SseClient sse = open(SseClient.to(app.hub("match", topic)))) {
            app.publish(topic, "still serving");
            assertEquals("still serving", sse.next(WAIT).data());
        }
    }
}
