package io.github.mercurejakarta.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link SubscriberSink} that queues, batches and applies backpressure itself: the hub hands it every
 * frame at once, on the thread that produced it (fan-out, keep-alive timer, replay), instead of queueing
 * the frame in the {@link Subscriber} and writing it from the hub's writer pool. Front ends that own their
 * I/O threads (the standalone hub's Netty front end) implement it to write one shared buffer per update
 * to all their connections from their event loops, without a task, future or callback per subscriber.
 *
 * <p>Contract: {@link #push} never blocks and never does I/O on the calling thread; frames of one
 * subscriber are written in push order; the array is shared by every subscriber and must not be modified.
 * When the connection cannot keep up (more than {@code mercure.hub.subscriber.queue.size} frames waiting)
 * or is gone, the sink ends the subscription itself ({@link Subscription#close()} or
 * {@link Subscriber#close(DisconnectCause)} with {@link DisconnectCause#QUEUE_OVERFLOW} /
 * {@link DisconnectCause#CLIENT_GONE}).
 */
public interface PushSink extends SubscriberSink {

    /** Takes one frame (an update's bytes or a comment) to be written after those pushed before it. */
    void push(byte[] frame);

    /**
     * @return the {@code System.nanoTime()} since when written bytes have been waiting for the client to
     * read them (the connection is not writable), or 0 when it keeps up; the hub closes the stream with
     * {@link DisconnectCause#WRITE_TIMEOUT} once this is older than {@code mercure.hub.dispatch.timeout}
     */
    long stalledSinceNanos();

    /**
     * Announces {@code frames} history frames, pushed next: a replay is bounded by the history, so they must not
     * count against the {@code mercure.hub.subscriber.queue.size} bound that closes slow streams.
     */
    void replay(int frames);

    /** A push sink ends the subscription itself when its connection is gone (see the contract above). */
    @Override
    default boolean reportsClose() {
        return true;
    }

    /** The hub never calls it for a push sink; for other callers it is {@link #push} without a completion. */
    @Override
    default CompletionStage<?> write(byte[] bytes) {
        push(bytes);
        return CompletableFuture.completedFuture(null);
    }
}
