package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.match.TopicMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream: its selectors, its bounded queue of encoded updates and the single writer that
 * drains the queue into its {@link SubscriberSink}.
 *
 * <p>Why this shape: fan-out only enqueues (never writes), so a slow or dead client costs the others
 * nothing; at most one write per subscriber is in flight and queued frames are written as one buffer;
 * when the queue exceeds its bound the subscriber is disconnected and reconnects with Last-Event-ID
 * instead of holding memory without limit.
 *
 * <p>While the history is being replayed, live updates are held back and handed over after the
 * replay, skipping those the replay already contained: no gap, no duplicate.
 *
 * <p>A {@link PushSink} (the standalone hub's Netty front end) takes the place of the queue and the writer:
 * each frame goes straight to it, and it bounds, batches and times out the writes itself.
 */
public final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    /** Most frames written in one buffer. */
    private static final int MAX_BATCH = 64;

    private final String id = "urn:uuid:" + UUID.randomUUID();
    private final SubscriptionRequest request;
    private final SubscriberSink sink;
    /** The sink when it takes frames directly (no queue, no writer task here), else null. */
    private final PushSink pushSink;
    private final Executor executor;
    private final int capacity;
    private final Consumer<Subscriber> onClose;

    private static final AtomicIntegerFieldUpdater<Subscriber> DRAINING =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "draining");
    private static final AtomicIntegerFieldUpdater<Subscriber> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "closed");

    /**
     * The frames waiting for the writer and their count; null with a {@link PushSink}, which queues them
     * itself (a hub holding tens of thousands of streams keeps no empty queue per stream).
     */
    private final ConcurrentLinkedQueue<byte[]> queue;
    private final AtomicInteger queued;
    /** 1 while a writer task runs or is scheduled (updated through {@link #DRAINING}). */
    private volatile int draining;
    /** 1 once closed (updated through {@link #CLOSED}). */
    private volatile int closed;
    private volatile DisconnectCause cause;
    private volatile long lastWriteNanos = System.nanoTime();
    /** nanoTime when the write in flight started, 0 when none is in flight. */
    private volatile long writeStartedNanos;
    /** nanoTime when the oldest frame still queued was queued (dispatch latency), 0 when the queue is empty. */
    private volatile long oldestQueuedNanos;
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
        this.pushSink = sink instanceof PushSink p ? p : null;
        this.queue = pushSink == null ? new ConcurrentLinkedQueue<>() : null;
        this.queued = pushSink == null ? new AtomicInteger() : null;
        this.executor = executor;
        this.capacity = capacity;
        this.onClose = onClose;
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
     * @return true when this subscriber's writer is not running and the caller must run {@link #drain()}
     * (on a writer thread, see {@link WriterBatch}); false when the update was held, skipped or queued for
     * a writer already running
     */
    boolean offer(EncodedUpdate u) {
        if (!mayReceive(u)) {
            return false;
        }
        if (live) {
            // replayedThrough no longer changes, and this volatile read made its last write visible
            if (u.position() <= replayedThrough) {
                return false;
            }
        } else {
            synchronized (this) {
                if (held != null) {
                    held.add(u);
                    if (held.size() > capacity) {
                        closeLater(DisconnectCause.QUEUE_OVERFLOW);
                    }
                    return false;
                }
                if (u.position() <= replayedThrough) {
                    return false;
                }
            }
        }
        metrics.dispatched(1);
        return queue(u.frame());
    }

    /**
     * Ends the replay: sends the matching history, then the live updates that arrived meanwhile and
     * that the history did not contain.
     */
    void goLive(List<EncodedUpdate> history, long historyLastPosition) {
        List<EncodedUpdate> live;
        synchronized (this) {
            for (EncodedUpdate u : history) {
                if (accepts(u)) {
                    enqueue(u.frame());
                }
            }
            live = held;
            held = null;
            replayedThrough = historyLastPosition;
            for (EncodedUpdate u : live) {
                if (u.position() > historyLastPosition) {
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
        if (pushSink != null) {
            // the front end queues, batches and bounds it (see PushSink); "last write" means "last frame"
            lastWriteNanos = System.nanoTime();
            pushSink.push(bytes);
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            closeLater(DisconnectCause.QUEUE_OVERFLOW);
            return false;
        }
        if (oldestQueuedNanos == 0) {
            oldestQueuedNanos = System.nanoTime();
        }
        queue.add(bytes);
        return DRAINING.compareAndSet(this, 0, 1);
    }

    /** @return true when a write has been in flight for longer than {@code timeoutNanos}. */
    boolean writeStalled(long now, long timeoutNanos) {
        long started = pushSink != null ? pushSink.stalledSinceNanos() : writeStartedNanos;
        return started != 0 && now - started > timeoutNanos;
    }

    /** @return nanoTime of the last completed write (keep-alive decisions). */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * The writer: writes what is queued, one buffer at a time, until the queue is empty or a write does
     * not complete at once (it then goes on from the write's completion). Runs on a writer thread, started
     * by whoever {@link #queue} answered true; never two at once for one subscriber.
     */
    void drain() {
        while (true) {
            if (closed != 0) {
                return;
            }
            byte[] first = queue == null ? null : queue.poll();
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
                DisconnectCause end = endAfterFlush;
                if (end != null) {
                    close(end); // everything queued before the end was asked for is written
                    return;
                }
                draining = 0;
                // an enqueue may have happened between the poll and the flag reset
                // (or an end after flush was asked for meanwhile)
                if (((queue == null || queue.isEmpty()) && endAfterFlush == null) || !DRAINING.compareAndSet(this, 0, 1)) {
                    return;
                }
                continue;
            }
            long queuedSince = oldestQueuedNanos;
            // the frames left behind were queued after this batch's: a fair, cheap stand-in for their age
            oldestQueuedNanos = queued.addAndGet(-n) > 0 ? System.nanoTime() : 0;
            byte[] bytes = n == 1 ? first : io.github.mercurejakarta.protocol.SseEncoding.concat(batch, n);
            CompletionStage<?> written;
            writeStartedNanos = System.nanoTime();
            try {
                written = sink.write(bytes);
            } catch (RuntimeException e) {
                if (closedUnderUs(e)) {
                    LOG.log(Level.FINE, "write to " + id + " failed", e);
                } else {
                    // not a client that went away: a bug, which must not pass for one
                    LOG.log(Level.SEVERE, "MERCURE0104E stream " + id + " ended by an unexpected error while writing to it", e);
                }
                close(DisconnectCause.CLIENT_GONE);
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
                    LOG.log(Level.FINE, "write to " + id + " failed", e);
                    close(DisconnectCause.CLIENT_GONE);
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

    /** Closes from a fan-out thread without doing I/O on it. */
    private void closeLater(DisconnectCause why) {
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
        // an idle stream has no writer running: start one, it finds the queue empty and closes
        if (DRAINING.compareAndSet(this, 0, 1)) {
            executor.execute(this::drain);
        }
    }

    /** Ends the stream (idempotent) and unregisters it. */
    public void close(DisconnectCause why) {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        cause = why;
        if (queue != null) {
            queue.clear();
        }
        try {
            onClose.accept(this);
        } finally {
            sink.close();
            ended.complete(null);
        }
    }
}
