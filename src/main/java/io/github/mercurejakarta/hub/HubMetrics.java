package io.github.mercurejakarta.hub;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's own counters, kept lock-free ({@link LongAdder}) so that counting costs the hot path next to
 * nothing and needs no metrics library. Front ends and integrations only read them: the standalone hub's
 * Prometheus endpoint ({@code io.github.mercurejakarta.http.PrometheusText}), MicroProfile Metrics in an
 * application that has it ({@code io.github.mercurejakarta.cdi.MicroProfileMetrics}).
 *
 * <pre>{@code
 * HubMetrics m = hub.metrics();
 * long published = m.updatesPublished();
 * long gone = m.disconnects(DisconnectCause.CLIENT_GONE);
 * }</pre>
 */
public final class HubMetrics {

    private static final Logger LOG = Logger.getLogger(HubMetrics.class.getName());

    /**
     * Upper bounds (seconds) of the dispatch latency buckets: from half a millisecond (loopback, idle) to
     * the default dispatch timeout (5 s) and beyond.
     */
    static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** A refused request is logged at most once per limit in this period; the others are counted. */
    static final long LIMIT_LOG_PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LongAdder published = new LongAdder();
    private final LongAdder dispatched = new LongAdder();
    private final AtomicLong subscriptions = new AtomicLong();
    private final Map<DisconnectCause, LongAdder> disconnects = new EnumMap<>(DisconnectCause.class);
    private final Map<Limit, LongAdder> rejections = new EnumMap<>(Limit.class);
    private final Map<Limit, AtomicLong> lastLimitLog = new EnumMap<>(Limit.class);
    private final Map<Limit, LongAdder> unloggedRejections = new EnumMap<>(Limit.class);
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BOUNDS.length + 1];
    private final LongAdder latencySumNanos = new LongAdder();
    private volatile IntSupplier subscribers = () -> 0;
    private volatile LongConsumer latencyListener;

    public HubMetrics() {
        for (DisconnectCause c : DisconnectCause.values()) {
            disconnects.put(c, new LongAdder());
        }
        for (Limit l : Limit.values()) {
            rejections.put(l, new LongAdder());
            lastLimitLog.put(l, new AtomicLong(System.nanoTime() - LIMIT_LOG_PERIOD_NANOS));
            unloggedRejections.put(l, new LongAdder());
        }
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    void subscribersFrom(IntSupplier source) {
        this.subscribers = source;
    }

    /** @return open streams (connected subscribers) on this node */
    public int subscribers() {
        return subscribers.getAsInt();
    }

    /** @return open subscriptions on this node: one per selector of each open stream */
    public long subscriptions() {
        return subscriptions.get();
    }

    /** @return updates accepted for publication on this node (HTTP or in-process), since start */
    public long updatesPublished() {
        return published.sum();
    }

    /** @return deliveries: updates handed to a subscriber's queue (one update to three subscribers is three) */
    public long updatesDispatched() {
        return dispatched.sum();
    }

    /** @return streams ended for {@code cause}, since start */
    public long disconnects(DisconnectCause cause) {
        return disconnects.get(cause).sum();
    }

    /** @return requests refused for going over {@code limit}, since start */
    public long limitRejections(Limit limit) {
        return rejections.get(limit).sum();
    }

    /** @return the upper bounds (seconds) of the latency buckets, ascending; a last, unbounded bucket follows */
    public double[] latencyBucketBounds() {
        return LATENCY_BOUNDS.clone();
    }

    /**
     * @return cumulative counts per bucket, as Prometheus exposes them: element {@code i} counts the writes
     * that took at most {@code latencyBucketBounds()[i]}; the last element is the total count
     */
    public long[] latencyCumulativeCounts() {
        long[] counts = new long[latencyBuckets.length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += latencyBuckets[i].sum();
            counts[i] = sum;
        }
        return counts;
    }

    /** @return the sum of all observed dispatch latencies, in seconds */
    public double latencySumSeconds() {
        return latencySumNanos.sum() / 1e9;
    }

    /**
     * Also hands every latency observation (nanoseconds) to {@code listener}: for a metrics library that
     * keeps its own distribution (a MicroProfile Metrics timer). One listener; null removes it.
     */
    public void latencyListener(LongConsumer listener) {
        this.latencyListener = listener;
    }

    void published() {
        published.increment();
    }

    void dispatched(int deliveries) {
        if (deliveries > 0) {
            dispatched.add(deliveries);
        }
    }

    void subscriptionsOpened(int n) {
        subscriptions.addAndGet(n);
    }

    void subscriptionsClosed(int n) {
        subscriptions.addAndGet(-n);
    }

    void disconnected(DisconnectCause cause) {
        disconnects.get(cause == null ? DisconnectCause.CLOSED : cause).increment();
    }

    /** Records one write's latency: from the moment its oldest frame was queued until the write completed. */
    void latency(long nanos) {
        if (nanos < 0) {
            return;
        }
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[i]) {
            i++;
        }
        latencyBuckets[i].increment();
        latencySumNanos.add(nanos);
        LongConsumer l = latencyListener;
        if (l != null) {
            l.accept(nanos);
        }
    }

    /**
     * Counts a refusal and logs it ({@code MERCURE0401W}), at most once a minute per limit: a flood of
     * refused requests must not flood the log. The message says how many were not logged since the last
     * one. {@code detail} must not contain a token or secret.
     */
    public void limitRejected(Limit limit, String detail) {
        rejections.get(limit).increment();
        AtomicLong last = lastLimitLog.get(limit);
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= LIMIT_LOG_PERIOD_NANOS && last.compareAndSet(previous, now)) {
            long suppressed = unloggedRejections.get(limit).sumThenReset();
            LOG.log(Level.WARNING, "MERCURE0401W request refused with {0}: limit {1} reached ({2}); {3} more refusal(s)"
                    + " for this limit since the last such message", new Object[] {limit.status(), limit.key(), detail, suppressed});
        } else {
            unloggedRejections.get(limit).increment();
        }
    }
}
