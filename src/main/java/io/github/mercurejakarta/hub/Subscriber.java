package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.match.TopicMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * One open stream: its selectors, the hand-over from replay to live updates, and its end. Its frames
 * reach the connection through its {@link Delivery}: a bounded queue and a single writer
 * ({@link SubscriberQueue}), or, with a {@link PushSink} (the standalone hub's Netty front end), straight
 * to the sink, which bounds, batches and times out the writes itself.
 *
 * <p>While the history is being replayed, live updates are held back and handed over after the
 * replay, skipping those the replay already contained: no gap, no duplicate.
 *
 * <p>A front end sees it through {@link Subscription#subscriber()}: a push sink reports its writes
 * ({@link #frameWritten}) and ends a stream that cannot keep up ({@link #close(DisconnectCause)}).
 */
public final class Subscriber {

    private final String id = "urn:uuid:" + UUID.randomUUID();
    private final SubscriptionRequest request;
    private final SubscriberSink sink;
    private final Delivery delivery;
    private final Executor executor;
    private final int capacity;
    private final Consumer<Subscriber> onClose;

    private static final AtomicIntegerFieldUpdater<Subscriber> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "closed");

    /** 1 once closed (updated through {@link #CLOSED}). */
    private volatile int closed;
    private volatile DisconnectCause cause;
    /** The cause to close with once the queue is written (a graceful end), null while none was asked for. */
    private volatile DisconnectCause endAfterFlush;
    private final HubMetrics metrics;
    /** Completes when the stream has ended, for whatever cause. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final String clientAddress;

    /** What the hub announced for this connection (active subscriptions), and the lock it announces under. */
    private final SubscriptionAnnouncer.Announcements announcements = new SubscriptionAnnouncer.Announcements();

    /** Guarded by this: live updates received while replaying, null once live. */
    private List<EncodedUpdate> held = new ArrayList<>();
    /**
     * Guarded by this: the last position the replay covered. A transport whose delivery lags its history
     * (Redis: the reader may deliver after a history query already returned the update) still delivers
     * such updates after the hand-over; they are skipped here.
     */
    private long replayedThrough = -1;
    /**
     * True once the replay was handed over (set under this, after {@link #held} and {@link #replayedThrough}):
     * from then on fan-out reads those two without taking the lock, which it would otherwise take per delivery.
     */
    private volatile boolean live;
    /** Fan-out is single-threaded: the position of the last update offered, to deliver each once. */
    long lastOfferedPosition = -1;
    /** Read and written by the hub's timer thread only ({@link StreamMaintenance}): when it last queued a comment. */
    long keepAliveQueuedNanos;
    /** Timer thread only: how many probes are still to follow the last keep-alive (see {@link SubscriberSink#reportsClose()}). */
    int probesDue;

    /**
     * @param clientAddress the client's address for the per-address connection limit, or null when unknown
     * @param onClose       called once, when the stream has ended (the hub unregisters it)
     */
    Subscriber(SubscriptionRequest request, SubscriberSink sink, String clientAddress, Executor executor, int capacity,
               Consumer<Subscriber> onClose, HubMetrics metrics) {
        this.metrics = metrics;
        this.request = request;
        this.sink = sink;
        this.clientAddress = clientAddress;
        this.executor = executor;
        this.capacity = capacity;
        this.onClose = onClose;
        this.delivery = sink instanceof PushSink p
                ? new PushDelivery(p, this, executor)
                : new SubscriberQueue(this, sink, executor, capacity, metrics);
    }

    /** @return the client's address for the per-address connection limit, or null when unknown */
    String clientAddress() {
        return clientAddress;
    }

    /** @return completes when the stream has ended, for whatever cause (a copy: only closing completes it) */
    CompletableFuture<Void> ended() {
        return ended.copy();
    }

    SubscriptionAnnouncer.Announcements announcements() {
        return announcements;
    }

    /** @return the subscriber's IRI, {@code urn:uuid:...}, unique per connection. */
    public String id() {
        return id;
    }

    public SubscriptionRequest request() {
        return request;
    }

    public boolean isClosed() {
        return closed != 0;
    }

    /** @return why the stream ended, or null while open. */
    public DisconnectCause disconnectCause() {
        return cause;
    }

    /** @return true when some selector selects one of the update's topics and privacy allows it. */
    boolean accepts(EncodedUpdate u) {
        List<String> topics = u.update().topics();
        boolean selected = false;
        outer:
        for (TopicMatcher m : request.selectors()) {
            for (String t : topics) {
                if (m.matches(t)) {
                    selected = true;
                    break outer;
                }
            }
        }
        return selected && mayReceive(u);
    }

    boolean mayReceive(EncodedUpdate u) {
        return !u.update().isPrivate() || request.privateAccess().test(u.update().topics());
    }

    /**
     * Fan-out entry point: the update matched a selector.
     *
     * @param batch counts the delivery, and gets this subscriber when its writer is not running and must be
     *              started ({@link #drain()} on a writer thread); nothing is added when the update was held,
     *              skipped or queued for a writer already running
     */
    void offer(EncodedUpdate u, WriterBatch batch) {
        if (!mayReceive(u)) {
            return;
        }
        if (live) {
            // replayedThrough no longer changes, and this volatile read made its last write visible
            if (u.position() <= replayedThrough) {
                return;
            }
        } else {
            synchronized (this) {
                if (held != null) {
                    held.add(u);
                    if (held.size() > capacity) {
                        closeLater(DisconnectCause.QUEUE_OVERFLOW);
                    }
                    return;
                }
                if (u.position() <= replayedThrough) {
                    return;
                }
            }
        }
        batch.delivered++; // counted into the metrics once per update by the fan-out, not per subscriber
        if (queue(u.frame())) {
            batch.add(this);
        }
    }

    /**
     * Ends the replay: sends the matching history, then the live updates that arrived meanwhile and
     * that the history did not contain.
     */
    void goLive(List<EncodedUpdate> history, long historyLastPosition) {
        List<EncodedUpdate> live;
        synchronized (this) {
            List<EncodedUpdate> replayed = new ArrayList<>(history.size());
            for (EncodedUpdate u : history) {
                if (accepts(u)) {
                    replayed.add(u);
                }
            }
            delivery.replay(replayed.size());
            for (EncodedUpdate u : replayed) {
                enqueue(u.frame());
            }
            live = held;
            held = null;
            replayedThrough = historyLastPosition;
            for (EncodedUpdate u : live) {
                if (u.position() > historyLastPosition) {
                    // a live delivery held during the replay: counted as offer() counts the others, or
                    // the dispatched counter falls short whenever a publish races a subscribe
                    metrics.dispatched(1);
                    enqueue(u.frame());
                }
            }
            // last: a fan-out that sees it enqueues after the held updates, never before them
            this.live = true;
        }
    }

    /**
     * For a {@link PushSink}: a frame pushed at {@code pushedNanos} was written to the connection at
     * {@code writtenNanos} (both {@code System.nanoTime()}); counted in the dispatch latency, as the
     * writer pool's writes are.
     */
    public void frameWritten(long pushedNanos, long writtenNanos) {
        metrics.latency(writtenNanos - pushedNanos);
    }

    /** Queues raw bytes (a frame or a comment) and makes sure a writer runs. */
    void enqueue(byte[] bytes) {
        if (queue(bytes)) {
            executor.execute(this::drain);
        }
    }

    /**
     * Queues raw bytes without starting the writer.
     *
     * @return true when the caller won the right to run the writer ({@link #drain()}) and must see that it
     * runs; false when one is already running or the frame went to a {@link PushSink}
     */
    boolean queue(byte[] bytes) {
        if (closed != 0) {
            return false;
        }
        return delivery.add(bytes);
    }

    /** @return true when a write has been in flight for longer than {@code timeoutNanos}. */
    boolean writeStalled(long now, long timeoutNanos) {
        long started = delivery.stalledSinceNanos();
        return started != 0 && now - started > timeoutNanos;
    }

    /** @return true when only a write tells that the client left: keep-alives are followed by probes */
    boolean needsWriteProbe() {
        return !sink.reportsClose();
    }

    /** @return nanoTime of the last completed write (keep-alive decisions). */
    long lastWriteNanos() {
        return delivery.lastWriteNanos();
    }

    /** The writer (see {@link SubscriberQueue#drain()}); runs on a writer thread when {@link #queue} said so. */
    void drain() {
        delivery.drain();
    }

    /** Closes from a fan-out thread without doing I/O on it. */
    void closeLater(DisconnectCause why) {
        if (closed == 0) {
            executor.execute(() -> close(why));
        }
    }

    /**
     * Ends the stream cleanly: what is already queued is written first, then the response ends, so that a
     * client reconnecting with the last id it received misses nothing the hub had sent its way. Used for
     * lifetime rotation and shutdown; the caller bounds the wait with {@link #close(DisconnectCause)}.
     */
    void endAfterFlush(DisconnectCause why) {
        if (closed != 0 || endAfterFlush != null) {
            return;
        }
        endAfterFlush = why;
        delivery.endAfterFlush();
    }

    /** @return the cause to close with once what is queued is written, null while no graceful end was asked for */
    DisconnectCause endRequested() {
        return endAfterFlush;
    }

    /** Ends the stream (idempotent) and unregisters it. */
    public void close(DisconnectCause why) {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        cause = why;
        delivery.discard();
        try {
            onClose.accept(this);
        } finally {
            sink.close();
            ended.complete(null);
        }
    }
}
