package io.github.mercurejakarta.hub.transport.postgresql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NOTIFY payload: a group's updates when they fit in PostgreSQL's 8,000 bytes, its last position always. */
class NotifyPayloadTest {

    @Test
    void aGroupThatFitsTravelsWithItsPositions() {
        List<byte[]> bodies = List.of(bytes("first"), new byte[] {0, -1, 10, 32}, bytes(""));
        NotifyPayload p = NotifyPayload.parse(NotifyPayload.of(42, bodies));
        assertEquals(42, p.last());
        assertEquals(40, p.first());
        assertEquals(3, p.bodies().size());
        for (int i = 0; i < bodies.size(); i++) {
            assertArrayEquals(bodies.get(i), p.bodies().get(i));
        }
    }

    @Test
    void aGroupThatDoesNotFitIsAnnouncedByItsLastPositionAlone() {
        String payload = NotifyPayload.of(7, List.of(new byte[3000], new byte[3000]));
        assertEquals("7", payload, "8,000 base64 characters and more: read from the table");
        assertTrue(NotifyPayload.parse(payload).bodies().isEmpty());
        assertTrue(NotifyPayload.of(8, List.of(new byte[5000])).length() <= NotifyPayload.MAX_CHARS);
    }

    @Test
    void anythingElseIsNotAPayload() {
        assertNull(NotifyPayload.parse(""));
        assertNull(NotifyPayload.parse(null));
        assertNull(NotifyPayload.parse("not-a-position"));
        assertNull(NotifyPayload.parse("12 %%%"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
