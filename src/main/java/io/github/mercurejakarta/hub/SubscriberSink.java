package io.github.mercurejakarta.hub;

import java.util.concurrent.CompletionStage;

/**
 * The connection a subscriber's bytes go to, as a front end (JAX-RS {@code SseEventSink}, Netty)
 * provides it. The hub never blocks on it: it calls {@link #write} for one buffer at a time and waits
 * for the returned stage before the next write. A sink that queues and writes by itself implements
 * {@link PushSink} instead.
 */
public interface SubscriberSink {

    /**
     * Writes and flushes already-encoded text/event-stream bytes.
     *
     * @return completes when written; completes exceptionally when the connection is gone
     */
    CompletionStage<?> write(byte[] bytes);

    /** Ends the response (idempotent). */
    void close();
}
