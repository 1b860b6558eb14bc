package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.protocol.SseEncoding;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's timer thread and what it does to the open streams: keep-alive comments on idle streams (each
 * followed by a probe where only a write finds a closed connection, see {@link SubscriberSink#reportsClose()}),
 * closing streams whose write has stalled past {@code mercure.hub.dispatch.timeout}, ending a stream when
 * its token expires or its lifetime ({@code mercure.hub.connection.lifetime} ± jitter) is over, and the
 * writer probe behind {@link Hub#writerDelay()}. Nothing here writes: it queues or closes, and the hub's
 * writer threads do the I/O.
 */
final class StreamMaintenance {

    /** Longest pause between two keep-alive sweeps: how early before its interval is up a stream may get its comment. */
    static final long MAX_SWEEP_MILLIS = 250;
    /**
     * How many comments follow a keep-alive on a stream whose front end cannot report a closed connection.
     * The keep-alive into a connection its peer closed provokes the reset; on Open Liberty and WildFly the
     * next write fails, on Payara (Grizzly) the one after it: measured with a raw-socket client
     * ({@code PresenceIT}).
     */
    static final int PROBES = 2;
    /**
     * About how far apart the keep-alive and its probes go out (between this less one sweep and this):
     * long enough for a closed peer's reset to come back, short enough to find the client gone within an
     * interval and a second.
     */
    static final long PROBE_SPACING_MILLIS = 500;

    /** What a keep-alive sweep does with one stream. */
    enum KeepAlive { NOTHING, COMMENT, PROBE }

    private final SubscriberIndex index;
    private final Executor writers;
    private final int writerThreads;
    private final Duration dispatchTimeout;
    private final Duration lifetime;
    private final Duration lifetimeJitter;
    /** Idle time after which a stream gets its comment: the interval less one sweep period, 0 without keep-alive. */
    private final long keepAliveDueNanos;
    /** Idle time after a keep-alive (or a probe) after which the next probe goes out. */
    private final long probeDueNanos;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Hub.daemon("mercure-hub-timer"));
    /** nanoTime at which the pending writer probe was queued; 0 when none is pending. */
    private final AtomicLong writerProbeQueued = new AtomicLong();

    /**
     * Starts the timers over the streams of {@code index}.
     *
     * @param writers       the hub's writer threads, which keep-alive comments and closes are handed to
     * @param writerThreads how many they are: a keep-alive round starts at most this many writer tasks
     * @param keepAlive     0 for none
     * @param dispatchTimeout 0 for none
     * @param lifetime      0 for unlimited
     */
    StreamMaintenance(SubscriberIndex index, Executor writers, int writerThreads, Duration keepAlive,
                      Duration dispatchTimeout, Duration lifetime, Duration lifetimeJitter) {
        this.index = index;
        this.writers = writers;
        this.writerThreads = writerThreads;
        this.dispatchTimeout = dispatchTimeout;
        this.lifetime = lifetime;
        this.lifetimeJitter = lifetimeJitter;
        // a task handed to the writer threads every second: how long it waits is the liveness check's
        // measure of whether dispatch is stuck
        timers.scheduleAtFixedRate(this::probeWriters, 1, 1, TimeUnit.SECONDS);
        if (!dispatchTimeout.isZero()) {
            // a write that never completes would silently stall its stream (seen with RESTEasy's sink under
            // load); closing it lets the client reconnect with Last-Event-ID, as the reference hub's
            // dispatch_timeout does
            long period = Math.max(200, Math.min(1000, dispatchTimeout.toMillis() / 2));
            timers.scheduleAtFixedRate(this::closeStalledStreams, period, period, TimeUnit.MILLISECONDS);
        }
        long sweep = sweepMillis(keepAlive);
        this.keepAliveDueNanos = TimeUnit.MILLISECONDS.toNanos(keepAlive.toMillis() - sweep);
        this.probeDueNanos = TimeUnit.MILLISECONDS.toNanos(PROBE_SPACING_MILLIS - sweep);
        if (!keepAlive.isZero()) {
            // A sweep is a pass over the open streams reading a few fields of each: 0.2 ms for 10,000
            // idle streams, 1.4 ms for 50,000 (measured on the 2-core dev machine, under other load), four
            // times a second. A stream is due one sweep period before its interval is up, so that its
            // comment goes out at most one interval after its last write (sweeping twice per interval
            // for streams idle a whole interval let a comment wait 1.5 intervals).
            timers.scheduleAtFixedRate(this::keepAlive, sweep, sweep, TimeUnit.MILLISECONDS);
        }
    }

    /** Schedules the end of a stream that just started: when its token expires, and after its lifetime. */
    void scheduleEnds(Subscriber s) {
        Instant exp = s.request().expiresAt();
        if (exp != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), exp).toMillis());
            timers.schedule(() -> s.close(DisconnectCause.TOKEN_EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
        if (!lifetime.isZero() && !s.isClosed()) {
            timers.schedule(() -> s.endAfterFlush(DisconnectCause.LIFETIME), lifetimeMillis(lifetime, lifetimeJitter),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** lifetime ± a uniformly random part of jitter: streams opened together do not end together. */
    static long lifetimeMillis(Duration lifetime, Duration jitter) {
        long j = jitter.toMillis();
        long spread = j == 0 ? 0 : ThreadLocalRandom.current().nextLong(-j, j + 1);
        return Math.max(1, lifetime.toMillis() + spread);
    }

    private void closeStalledStreams() {
        long now = System.nanoTime();
        long limit = dispatchTimeout.toNanos();
        for (Subscriber s : index.all()) {
            if (s.writeStalled(now, limit)) {
                writers.execute(() -> s.close(DisconnectCause.WRITE_TIMEOUT));
            }
        }
    }

    /** @return the period of the keep-alive sweep for {@code keepAlive} (a quarter of it, at most {@value #MAX_SWEEP_MILLIS} ms) */
    static long sweepMillis(Duration keepAlive) {
        return Math.max(1, Math.min(MAX_SWEEP_MILLIS, keepAlive.toMillis() / 4));
    }

    private void keepAlive() {
        long now = System.nanoTime();
        WriterBatch batch = new WriterBatch();
        for (Subscriber s : index.all()) {
            KeepAlive what = decide(now, s.lastWriteNanos(), s.keepAliveQueuedNanos, s.probesDue, keepAliveDueNanos, probeDueNanos);
            if (what == KeepAlive.NOTHING) {
                continue;
            }
            s.keepAliveQueuedNanos = now;
            s.probesDue = what == KeepAlive.PROBE ? s.probesDue - 1 : s.needsWriteProbe() ? PROBES : 0;
            if (s.queue(SseEncoding.KEEP_ALIVE)) {
                batch.add(s);
            }
        }
        batch.start(writers, writerThreads);
    }

    /**
     * What one sweep does with one stream (all times {@code System.nanoTime()}).
     *
     * <pre>{@code
     * decide(now, lastWrite, queuedAt, probesDue, SECONDS.toNanos(15) - MILLISECONDS.toNanos(250), MILLISECONDS.toNanos(250))
     * }</pre>
     *
     * @param lastWrite       when the stream's last write completed
     * @param queuedAt        when this timer last queued a comment on it, 0 never
     * @param probesDue       how many probes are still to follow the last keep-alive
     * @param keepAliveDue    idle time after which the stream gets a keep-alive comment
     * @param probeAfter      idle time after which a due probe goes out
     * @return {@link KeepAlive#COMMENT} for a keep-alive, {@link KeepAlive#PROBE} for a comment that
     * follows one (its write fails once an earlier one provoked a reset), else {@link KeepAlive#NOTHING}
     */
    static KeepAlive decide(long now, long lastWrite, long queuedAt, int probesDue, long keepAliveDue, long probeAfter) {
        if (queuedAt != 0 && queuedAt - lastWrite > 0) {
            // the comment queued last time is not written yet: a slow or stalled connection, which one
            // more comment per sweep would only fill up (the dispatch timeout ends a stalled one)
            return KeepAlive.NOTHING;
        }
        long idle = now - lastWrite;
        if (idle >= keepAliveDue) {
            return KeepAlive.COMMENT;
        }
        return probesDue > 0 && idle >= probeAfter ? KeepAlive.PROBE : KeepAlive.NOTHING;
    }

    private void probeWriters() {
        long now = System.nanoTime();
        if (writerProbeQueued.compareAndSet(0, now == 0 ? 1 : now)) {
            writers.execute(() -> writerProbeQueued.set(0));
        }
    }

    /** See {@link Hub#writerDelay()}. */
    Duration writerDelay() {
        long queued = writerProbeQueued.get();
        return queued == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - queued));
    }

    /** Stops the timers; the streams' pending ends are dropped (the hub ends every stream itself). */
    void close() {
        timers.shutdownNow();
    }
}
