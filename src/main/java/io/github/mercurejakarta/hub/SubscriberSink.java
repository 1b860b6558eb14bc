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

    /**
     * Whether the front end ends the subscription by itself as soon as the client closes its connection
     * (the standalone hub's Netty front end reads every connection and sees the end of input at once).
     *
     * <p>False, the default, when a closed connection shows only as a failed write, as on the Servlet
     * containers (measured on Open Liberty, WildFly and Payara: neither a {@code ReadListener} nor an
     * {@code AsyncListener} on the subscribe request reports a client that leaves). A write into a
     * connection its peer closed usually succeeds and only provokes the reset that fails a later one, so
     * the hub follows each keep-alive comment on such a stream with two more about half a second apart:
     * a client that left is noticed within one keep-alive interval and a second.
     *
     * <pre>{@code
     * public boolean reportsClose() { return true; } // this front end closes the subscription on EOF
     * }</pre>
     */
    default boolean reportsClose() {
        return false;
    }
}
