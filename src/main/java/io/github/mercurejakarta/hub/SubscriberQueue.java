package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.protocol.SseEncoding;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscriber's bounded queue of frames and the single writer that drains it into its
 * {@link SubscriberSink}.
 *
 * <p>Why this shape: fan-out only queues (never writes), so a slow or dead client costs the others
 * nothing; at most one write per subscriber is in flight and queued frames are written as one buffer;
 * when the queue exceeds its bound the subscriber is disconnected and reconnects with Last-Event-ID
 * instead of holding memory without limit.
 */
final class SubscriberQueue implements Delivery {

    private static final Logger LOG = Logger.getLogger(SubscriberQueue.class.getName());

    /** Most frames written in one buffer. */
    private static final int MAX_BATCH = 64;

    private static final AtomicIntegerFieldUpdater<SubscriberQueue> DRAINING =
            AtomicIntegerFieldUpdater.newUpdater(SubscriberQueue.class, "draining");

    private final Subscriber subscriber;
    private final SubscriberSink sink;
    private final Executor executor;
    private final int capacity;
    /** A frame was refused: the stream is ending (adds come from the one thread that delivers in order). */
    private volatile boolean overflowed;
    private final HubMetrics metrics;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** 1 while a writer task runs or is scheduled (updated through {@link #DRAINING}). */
    private volatile int draining;
    private volatile long lastWriteNanos = System.nanoTime();
    /** nanoTime when the write in flight started, 0 when none is in flight. */
    private volatile long writeStartedNanos;
    /** nanoTime when the oldest frame still queued was queued (dispatch latency), 0 when the queue is empty. */
    private volatile long oldestQueuedNanos;
    /** Replayed frames not written yet: room beyond {@link #capacity} (see {@link #replay}); only the writer lowers it. */
    private volatile int replayLeft;

    /**
     * @param executor the writer threads
     * @param capacity most frames waiting; one more closes the stream with {@link DisconnectCause#QUEUE_OVERFLOW}
     */
    SubscriberQueue(Subscriber subscriber, SubscriberSink sink, Executor executor, int capacity, HubMetrics metrics) {
        this.subscriber = subscriber;
        this.sink = sink;
        this.executor = executor;
        this.capacity = capacity;
        this.metrics = metrics;
    }

    @Override
    public boolean add(byte[] bytes) {
        // once a frame was refused, every later one is too: the stream closes soon (closeLater), and a frame
        // accepted after a refused one (the writer having made room meanwhile) would leave a hole that the
        // client's Last-Event-ID skips for good
        if (overflowed) {
            return false;
        }
        if (queued.incrementAndGet() > capacity + replayLeft) {
            overflowed = true;
            subscriber.closeLater(DisconnectCause.QUEUE_OVERFLOW);
            return false;
        }
        if (oldestQueuedNanos == 0) {
            oldestQueuedNanos = System.nanoTime();
        }
        queue.add(bytes);
        return DRAINING.compareAndSet(this, 0, 1);
    }

    @Override
    public void replay(int frames) {
        replayLeft = frames;
    }

    @Override
    public long stalledSinceNanos() {
        return writeStartedNanos;
    }

    @Override
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * The writer: writes what is queued, one buffer at a time, until the queue is empty or a write does
     * not complete at once (it then goes on from the write's completion). Runs on a writer thread, started
     * by whoever {@link #add} answered true; never two at once for one subscriber.
     */
    @Override
    public void drain() {
        while (true) {
            if (subscriber.isClosed()) {
                return;
            }
            byte[] first = queue.poll();
            byte[][] batch = null;
            int n = 0;
            if (first != null) {
                n = 1;
                byte[] b;
                while (n < MAX_BATCH && (b = queue.peek()) != null) {
                    if (batch == null) {
                        batch = new byte[MAX_BATCH][];
                        batch[0] = first;
                    }
                    batch[n++] = queue.poll();
                }
            }
            if (n == 0) {
                DisconnectCause end = subscriber.endRequested();
                if (end != null) {
                    subscriber.close(end); // everything queued before the end was asked for is written
                    return;
                }
                draining = 0;
                // an enqueue may have happened between the poll and the flag reset
                // (or an end after flush was asked for meanwhile)
                if ((queue.isEmpty() && subscriber.endRequested() == null) || !DRAINING.compareAndSet(this, 0, 1)) {
                    return;
                }
                continue;
            }
            long queuedSince = oldestQueuedNanos;
            // the frames left behind were queued after this batch's: a fair, cheap stand-in for their age
            oldestQueuedNanos = queued.addAndGet(-n) > 0 ? System.nanoTime() : 0;
            int left = replayLeft;
            if (left > 0) {
                replayLeft = Math.max(0, left - n); // the replay was queued first: these frames were part of it
            }
            byte[] bytes = n == 1 ? first : SseEncoding.concat(batch, n);
            CompletionStage<?> written;
            writeStartedNanos = System.nanoTime();
            try {
                written = sink.write(bytes);
            } catch (RuntimeException e) {
                if (closedUnderUs(e)) {
                    LOG.log(Level.FINE, "write to " + subscriber.id() + " failed", e);
                } else {
                    // not a client that went away: a bug, which must not pass for one
                    LOG.log(Level.SEVERE, "MERCURE0104E stream " + subscriber.id() + " ended by an unexpected error while writing to it", e);
                }
                subscriber.close(DisconnectCause.CLIENT_GONE);
                return;
            }
            CompletableFuture<?> f = written.toCompletableFuture();
            if (f.isDone() && !f.isCompletedExceptionally()) {
                writeStartedNanos = 0;
                lastWriteNanos = System.nanoTime();
                if (queuedSince != 0) {
                    metrics.latency(lastWriteNanos - queuedSince);
                }
                continue;
            }
            f.whenComplete((r, e) -> {
                if (e != null) {
                    LOG.log(Level.FINE, "write to " + subscriber.id() + " failed", e);
                    subscriber.close(DisconnectCause.CLIENT_GONE);
                } else {
                    writeStartedNanos = 0;
                    lastWriteNanos = System.nanoTime();
                    if (queuedSince != 0) {
                        metrics.latency(lastWriteNanos - queuedSince);
                    }
                    executor.execute(this::drain);
                }
            });
            return;
        }
    }

    /** @return true when a sink's exception says the connection was closed (not a bug of ours) */
    private static boolean closedUnderUs(RuntimeException e) {
        if (e instanceof IllegalStateException) {
            return true; // a sink closed by the runtime meanwhile
        }
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** An idle stream has no writer running: start one, it finds the queue empty and closes. */
    @Override
    public void endAfterFlush() {
        if (DRAINING.compareAndSet(this, 0, 1)) {
            executor.execute(this::drain);
        }
    }

    @Override
    public void discard() {
        queue.clear();
    }
}
