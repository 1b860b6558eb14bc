package io.github.mercurejakarta.hub.transport.postgresql;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a group commit's {@code NOTIFY} says: its last position, and, when they fit, the group's encoded
 * updates, so that a reader that is up to date delivers them without reading the table (a round trip per
 * wake-up saved on the path from one node's publish to another node's subscribers). PostgreSQL limits a
 * payload to 8,000 bytes: a group that does not fit is announced by its last position alone and read from
 * the table, as is everything a reader cannot place right after what it delivered.
 *
 * <p>Form: {@code <last position>[ <base64 of each body>...]}, the bodies in position order, the last
 * being at the last position.
 */
record NotifyPayload(long last, List<byte[]> bodies) {

    /** Below PostgreSQL's 8,000-byte limit on a payload, with room to spare. */
    static final int MAX_CHARS = 7_900;

    /** The payload for a group whose bodies are {@code bodies}, committed up to {@code last}. */
    static String of(long last, List<byte[]> bodies) {
        StringBuilder s = new StringBuilder(Long.toString(last));
        Base64.Encoder b64 = Base64.getEncoder();
        int length = s.length();
        for (byte[] body : bodies) {
            length += 1 + (body.length + 2) / 3 * 4;
            if (length > MAX_CHARS) {
                return Long.toString(last);
            }
        }
        for (byte[] body : bodies) {
            s.append(' ').append(b64.encodeToString(body));
        }
        return s.toString();
    }

    /**
     * Reads a payload; {@code null} when it is not one of this form (a notification of another writer: the
     * table says what is new).
     */
    static NotifyPayload parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            return null;
        }
        String[] parts = payload.split(" ", -1); // -1: an empty body is still a body
        try {
            long last = Long.parseLong(parts[0]);
            List<byte[]> bodies = new ArrayList<>(parts.length - 1);
            Base64.Decoder b64 = Base64.getDecoder();
            for (int i = 1; i < parts.length; i++) {
                bodies.add(b64.decode(parts[i]));
            }
            return new NotifyPayload(last, bodies);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The position of the first body. */
    long first() {
        return last - bodies.size() + 1;
    }
}
