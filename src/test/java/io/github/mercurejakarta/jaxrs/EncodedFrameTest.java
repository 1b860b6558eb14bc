package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.protocol.SseEncoding;
import io.github.mercurejakarta.testsupport.SseParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.jboss.resteasy.plugins.providers.sse.SseEventProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What RESTEasy's own SSE writer (the one Open Liberty, WildFly and the standalone JAX-RS front end use
 * for every {@code SseEventSink} event) writes for an {@link EncodedFrame}: the hub's bytes, for single
 * frames and for every batch a subscriber's writer can make of what queued up behind a write in
 * flight — events, the opening comment and keep-alives in any order.
 */
class EncodedFrameTest {

    private static final String EVENT_A = "id: urn:uuid:a\ndata: first\n\n";
    private static final String EVENT_B = "event: mercure\nid: urn:uuid:b\ndata: {\"active\":false}\n\n";
    private static final String EMPTY_LINES = "id: urn:uuid:c\ndata: a\ndata: \ndata: \ndata: b\n\n";
    private static final String KEEP_ALIVE = new String(SseEncoding.KEEP_ALIVE, StandardCharsets.US_ASCII);
    private static final String OPENING = new String(SseEncoding.comment(""), StandardCharsets.US_ASCII);

    private static String written(String frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SseEventProvider().writeTo(EncodedFrame.of(frame.getBytes(StandardCharsets.UTF_8)), null, null,
                new Annotation[0], MediaType.SERVER_SENT_EVENTS_TYPE, new MultivaluedHashMap<>(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What an EventSource makes of a stream: its events, with the sticky last event ID after each. */
    private static List<String> dispatched(String stream) {
        List<String> events = new ArrayList<>();
        SseParser[] parser = new SseParser[1];
        parser[0] = new SseParser(e -> events.add(e + " last-id=" + parser[0].lastEventId()));
        parser[0].feed(stream.getBytes(StandardCharsets.UTF_8));
        return events;
    }

    static List<String> singleEvents() {
        return List.of(EVENT_A, EVENT_B, EMPTY_LINES, "id: x\ndata: \u00e9t\u00e9 \ud83c\udf1e\n\n", EVENT_A + EVENT_B);
    }

    @ParameterizedTest
    @MethodSource("singleEvents")
    void eventsAreWrittenByteForByte(String frame) throws IOException {
        assertEquals(frame, written(frame));
    }

    /**
     * Every batch a subscriber's writer can make when frames queue up behind a write in flight. RESTEasy
     * writes comments its own way ({@code ": "} lead; several empty ones as none) and a batch ending with
     * a comment gets one blank line more: the same events, ids and order reach the client, and bytes
     * always reach the socket (what a keep-alive is for).
     */
    static List<String> batches() {
        return List.of(KEEP_ALIVE + EVENT_A, OPENING + EVENT_A, KEEP_ALIVE + KEEP_ALIVE + EVENT_B,
                EVENT_A + KEEP_ALIVE + EVENT_B, OPENING + EVENT_A + KEEP_ALIVE + KEEP_ALIVE + EVENT_B + EMPTY_LINES,
                EVENT_A + KEEP_ALIVE, EVENT_B + KEEP_ALIVE + KEEP_ALIVE, KEEP_ALIVE + EVENT_A + KEEP_ALIVE,
                OPENING + EVENT_A + EVENT_B + KEEP_ALIVE, KEEP_ALIVE, KEEP_ALIVE + KEEP_ALIVE, OPENING + KEEP_ALIVE);
    }

    @ParameterizedTest
    @MethodSource("batches")
    void aBatchReachesTheClientAsTheSameEvents(String frame) throws IOException {
        String written = written(frame);
        assertEquals(dispatched(frame), dispatched(written), "written: " + written);
        assertFalse(written.isEmpty(), "something reaches the socket");
    }

    @Test
    void anUpdatesArrayIsParsedOnceForAllItsSinks() {
        byte[] frame = EVENT_A.getBytes(StandardCharsets.UTF_8);
        assertSame(EncodedFrame.of(frame), EncodedFrame.of(frame));
    }

    @Test
    void whatTheHubNeverQueuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EncodedFrame("id: x\ndata: y".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new EncodedFrame("data: y\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new EncodedFrame(":unterminated".getBytes(StandardCharsets.UTF_8)));
    }
}
