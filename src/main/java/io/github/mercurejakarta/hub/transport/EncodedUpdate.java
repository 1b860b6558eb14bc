package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.protocol.SseEncoding;

/**
 * An update with its final id, its SSE bytes (encoded once, shared by all subscribers) and its
 * position in the transport's total order.
 *
 * @param update   the update, id set
 * @param frame    its text/event-stream encoding; never modified
 * @param position transport-assigned, strictly increasing in dispatch order; -1 before dispatch
 */
public record EncodedUpdate(Update update, byte[] frame, long position) {

    /** Encodes {@code update} (whose id is set) with no position yet. */
    public static EncodedUpdate of(Update update) {
        return new EncodedUpdate(update, SseEncoding.encode(update), -1);
    }

    /** @return the same update at {@code position}. */
    public EncodedUpdate at(long position) {
        return new EncodedUpdate(update, frame, position);
    }

    public String id() {
        return update.id();
    }
}
