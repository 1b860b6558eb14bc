package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import jakarta.ws.rs.sse.OutboundSseEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes SSE events for {@code SseEventSink}s: the hub's {@link EncodedFrame}s verbatim, and any other
 * {@link OutboundSseEvent} (the application's own) with standard framing.
 *
 * <p>Why it exists: the JAX-RS runtimes re-encode every event for every sink, and RESTEasy's writer
 * also merges consecutive line breaks in data (so {@code "a\n\nb"} loses its empty line) and drops
 * events without data. Registering this writer makes the hub's bytes exact and encoded once.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public class SseFrameWriter implements MessageBodyWriter<OutboundSseEvent> {

    @Context
    private Providers providers;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return OutboundSseEvent.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(OutboundSseEvent event, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream out)
            throws IOException {
        if (event instanceof EncodedFrame frame) {
            out.write(frame.bytes());
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (event.getComment() != null) {
            for (String line : event.getComment().split("\r\n|\r|\n", -1)) {
                sb.append(':').append(line).append('\n');
            }
        }
        if (event.getName() != null) {
            sb.append("event: ").append(oneLine(event.getName())).append('\n');
        }
        if (event.getId() != null) {
            sb.append("id: ").append(oneLine(event.getId())).append('\n');
        }
        if (event.isReconnectDelaySet()) {
            sb.append("retry: ").append(event.getReconnectDelay()).append('\n');
        }
        if (event.getData() != null) {
            String data = dataAsText(event, annotations);
            for (String line : data.split("\r\n|\r|\n", -1)) {
                sb.append("data: ").append(line).append('\n');
            }
        }
        if (event.getData() != null || event.getName() != null || event.getId() != null) {
            sb.append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String dataAsText(OutboundSseEvent event, Annotation[] annotations) throws IOException {
        Object data = event.getData();
        if (data instanceof String s) {
            return s;
        }
        MediaType mt = event.getMediaType() == null ? MediaType.TEXT_PLAIN_TYPE : event.getMediaType();
        Class<?> cls = event.getType() == null ? data.getClass() : event.getType();
        Type gt = event.getGenericType() == null ? cls : event.getGenericType();
        MessageBodyWriter w = providers == null ? null : providers.getMessageBodyWriter(cls, gt, annotations, mt);
        if (w == null) {
            return String.valueOf(data);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        w.writeTo(data, cls, gt, annotations, mt, new jakarta.ws.rs.core.MultivaluedHashMap<>(), buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        return s.replace("\r", "").replace("\n", "");
    }
}
