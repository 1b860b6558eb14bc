package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import java.lang.reflect.Type;

/**
 * Already-encoded text/event-stream bytes (one or several events, or a comment) handed to an
 * {@code SseEventSink}. {@link SseFrameWriter} writes them verbatim, so an update is encoded once for
 * all subscribers and framed exactly as the Mercure spec says.
 */
final class EncodedFrame implements OutboundSseEvent {

    private final byte[] bytes;

    EncodedFrame(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public Class<?> getType() {
        return byte[].class;
    }

    @Override
    public Type getGenericType() {
        return byte[].class;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public String getComment() {
        return null;
    }

    @Override
    public String getId() {
        return null;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public long getReconnectDelay() {
        return -1;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return false;
    }

    @Override
    public Object getData() {
        return bytes;
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + bytes.length + " bytes]";
    }
}
