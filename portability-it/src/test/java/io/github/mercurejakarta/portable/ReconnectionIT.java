package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.WAIT;
import static io.github.mercurejakarta.portable.PortableApp.open;
import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reconnection with {@code Last-Event-ID} on the server under test: a subscriber that drops and comes
 * back with the id of the last event it saw gets what it missed, once, in order, then live updates;
 * each draft's cursor parameter and response header.
 */
class ReconnectionIT extends PortableIT {

    private static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }

    @Test
    void aSubscriberThatDropsAndReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() {
        String topic = topic("feeds");
        String lastSeen;
        try (SseClient first = open(SseClient.to(app.hub("match", topic)))) {
            app.publish(topic, "1");
            app.publish(topic, "2");
            assertEquals(List.of("1", "2"), data(first.nextN(2, WAIT)));
            lastSeen = first.lastEventId();
        }
        app.publish(topic, "3");
        app.publish(topic, "4");
        try (SseClient again = open(SseClient.to(app.hub("match", topic)).lastEventId(lastSeen))) {
            assertEquals(lastSeen, again.header("Mercure-Last-Event-ID"), "draft-08 echoes the cursor");
            assertEquals(List.of("3", "4"), data(again.nextN(2, WAIT)), "what was missed, in order");
            app.publish(topic, "5");
            assertEquals("5", again.next(WAIT).data(), "then live, no gap and no duplicate: " + again.describe());
        }
    }

    @Test
    void draft07ReconnectionWithTheHeaderEchoesLastEventId() {
        String topic = topic("feeds");
        String first = app.publish(topic, "a");
        app.publish(topic, "b");
        try (SseClient sse = open(SseClient.to(app.hub("topic", topic)).lastEventId(first))) {
            assertEquals(first, sse.header("Last-Event-ID"), "draft-07 answers Last-Event-ID");
            assertEquals("b", sse.next(WAIT).data());
        }
    }

    @Test
    void eachDraftsQueryParameterCarriesTheCursor() {
        String topic = topic("feeds");
        String first = app.publish(topic, "x");
        app.publish(topic, "y");
        try (SseClient sse = open(SseClient.to(app.hub("topic", topic, "lastEventID", first)))) {
            assertEquals(first, sse.header("Last-Event-ID"));
            assertEquals("y", sse.next(WAIT).data());
        }
        try (SseClient sse = open(SseClient.to(app.hub("match", topic, "last_event_id", first)))) {
            assertEquals(first, sse.header("Mercure-Last-Event-ID"));
            assertNull(sse.header("Last-Event-ID"), "draft-08 clients see draft-08 headers only");
            assertEquals("y", sse.next(WAIT).data());
        }
    }

    @Test
    void anUnknownCursorReplaysTheHistoryAndSaysEarliest() {
        String topic = topic("feeds");
        app.publish(topic, "h1");
        app.publish(topic, "h2");
        try (SseClient sse = open(SseClient.to(app.hub("match", topic, "last_event_id", "no-such-id")))) {
            assertEquals("earliest", sse.header("Mercure-Last-Event-ID"));
            assertEquals(List.of("h1", "h2"), data(sse.nextN(2, WAIT)));
        }
    }
}
