package io.github.mercurejakarta.hub;

import java.util.concurrent.Executor;

/**
 * Delivery to a {@link PushSink} (the standalone hub's Netty front end): each frame goes straight to it,
 * and it bounds, batches and times out the writes itself. No queue and no writer task here, so a hub
 * holding tens of thousands of streams keeps no empty queue per stream.
 */
final class PushDelivery implements Delivery {

    private final PushSink sink;
    private final Subscriber subscriber;
    private final Executor executor;
    /** "Last write" means "last frame" here: the sink's own writes are not seen. */
    private volatile long lastWriteNanos = System.nanoTime();

    PushDelivery(PushSink sink, Subscriber subscriber, Executor executor) {
        this.sink = sink;
        this.subscriber = subscriber;
        this.executor = executor;
    }

    @Override
    public boolean add(byte[] frame) {
        lastWriteNanos = System.nanoTime();
        sink.push(frame);
        return false;
    }

    @Override
    public void replay(int frames) {
        sink.replay(frames);
    }

    /** Never asked for: {@link #add} never answers true. */
    @Override
    public void drain() {
    }

    /**
     * What was pushed is the sink's to write before it ends the response; closing talks to the transport
     * (unregister, announcements), so it runs on a writer thread rather than the caller's (timer, shutdown).
     */
    @Override
    public void endAfterFlush() {
        executor.execute(() -> subscriber.close(subscriber.endRequested()));
    }

    @Override
    public long stalledSinceNanos() {
        return sink.stalledSinceNanos();
    }

    @Override
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    @Override
    public void discard() {
    }
}
