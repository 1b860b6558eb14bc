package io.github.mercurejakarta.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The subscribers whose writers one fan-out (or one keep-alive round) has to start, handed to the writer
 * threads in a few tasks instead of one task per subscriber.
 *
 * <p>Why: an update for N idle subscribers used to queue N writer tasks, each a lambda, a queue node, a
 * lock hand-over in the pool and often a thread wake-up (a futex call) — per delivery. Here the writers
 * to start are collected while the update is offered, and run in at most {@code parallelism} tasks of
 * consecutive subscribers, each task running the writers one after the other. A writer does not block
 * (it returns when a write does not complete at once and goes on from its completion), so a subscriber
 * waits at most for the writes of the others in its task, which are non-blocking too.
 *
 * <pre>{@code
 * WriterBatch batch = new WriterBatch();
 * index.forEachMatch(u, s -> s.offer(u, batch));
 * batch.start(writers, threads);
 * }</pre>
 *
 * <p>Not thread-safe: filled and started by one thread.
 */
final class WriterBatch {

    private static final Logger LOG = Logger.getLogger(WriterBatch.class.getName());

    /** Fewer writers than this share one task: below it a task costs more than running them in turn. */
    static final int MIN_PER_TASK = 16;

    private List<Subscriber> ready;
    /**
     * Deliveries accepted while this batch was filled, for {@link HubMetrics#dispatched}: one counter update
     * per publish rather than one per subscriber (the shared counter's CAS showed in the fan-out's samples).
     */
    int delivered;

    /** Adds a subscriber whose {@link Subscriber#queue} answered true: its writer must run. */
    void add(Subscriber s) {
        if (ready == null) {
            ready = new ArrayList<>();
        }
        ready.add(s);
    }

    int size() {
        return ready == null ? 0 : ready.size();
    }

    /**
     * Runs the writers of the subscribers added, in at most {@code parallelism} tasks of at least
     * {@link #MIN_PER_TASK} subscribers each (fewer in the last).
     */
    void start(Executor writers, int parallelism) {
        int n = size();
        if (n == 0) {
            return;
        }
        List<Subscriber> all = ready;
        ready = null;
        int tasks = Math.max(1, Math.min(parallelism, n / MIN_PER_TASK));
        int per = (n + tasks - 1) / tasks;
        for (int from = 0; from < n; from += per) {
            List<Subscriber> part = all.subList(from, Math.min(n, from + per));
            writers.execute(() -> drainAll(part));
        }
    }

    private static void drainAll(List<Subscriber> part) {
        for (int i = 0, n = part.size(); i < n; i++) {
            Subscriber s = part.get(i);
            try {
                s.drain();
            } catch (RuntimeException e) {
                // a writer that throws would leave its subscriber marked as draining forever: end that
                // stream (the client reconnects with Last-Event-ID) and go on with the others
                LOG.log(Level.SEVERE, "MERCURE0103E the writer of " + s.id() + " failed", e);
                s.close(DisconnectCause.CLIENT_GONE);
            }
        }
    }
}
