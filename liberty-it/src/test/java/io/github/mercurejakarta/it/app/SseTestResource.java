package io.github.mercurejakarta.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A fixed SSE stream: a comment first (Liberty holds the response headers until the first write), then
 * three events, then the end of the stream.
 */
@Path("sse")
public class SseTestResource {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        try (sink) {
            sink.send(sse.newEventBuilder().comment("connected").build());
            sink.send(sse.newEventBuilder().id("1").name("first").data("one").build());
            sink.send(sse.newEventBuilder().id("2").name("second").data("two\nlines").build());
            sink.send(sse.newEventBuilder().id("3").data("three").reconnectDelay(1500).build())
                    .toCompletableFuture().join();
        }
    }
}
