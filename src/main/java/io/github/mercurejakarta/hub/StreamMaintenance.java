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
 * The hub's timer thread and what it does to the open streams: keep-alive comments on idle streams,
 * closing streams whose write has stalled past {@code mercure.hub.dispatch.timeout}, ending a stream when
 * its token expires or its lifetime ({@code mercure.hub.connection.lifetime} ± jitter) is over, and the
 * writer probe behind {@link Hub#writerDelay()}. Nothing here writes: it queues or closes, and the hub's
 * writer threads do the I/O.
 */
final class StreamMaintenance {

    private final SubscriberIndex index;
    private final Executor writers;
    private final int writerThreads;
    private final Duration keepAlive;
    private final Duration dispatchTimeout;
    private final Duration lifetime;
    private final Duration lifetimeJitter;
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
        this.keepAlive = keepAlive;
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
        if (!keepAlive.isZero()) {
            long ms = keepAlive.toMillis();
            // check twice per interval so an idle stream gets its comment within 1.5 intervals at worst
            timers.scheduleAtFixedRate(this::keepAlive, ms / 2, Math.max(ms / 2, 1), TimeUnit.MILLISECONDS);
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

    private void keepAlive() {
        long now = System.nanoTime();
        long interval = keepAlive.toNanos();
        WriterBatch batch = new WriterBatch();
        for (Subscriber s : index.all()) {
            if (now - s.lastWriteNanos() >= interval && s.queue(SseEncoding.KEEP_ALIVE)) {
                batch.add(s);
            }
        }
        batch.start(writers, writerThreads);
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
