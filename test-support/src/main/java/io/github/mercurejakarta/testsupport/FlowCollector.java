package io.github.mercurejakarta.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Flow.Subscriber} for tests that asks for exactly what the test says ({@link #request}), keeps
 * what arrives, and reports the terminal signal; it checks the Reactive Streams rules a test can see (no
 * more items than requested, nothing after a terminal signal).
 *
 * <pre>{@code
 * FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
 * subscriber.subscribe(c);
 * List<ReceivedUpdate> first = c.awaitItems(3, Duration.ofSeconds(10));
 * }</pre>
 */
public final class FlowCollector<T> implements Flow.Subscriber<T> {

    private final long initialDemand;
    private final LinkedBlockingQueue<T> items = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<Throwable> terminal = new CompletableFuture<>(); // null: onComplete
    private final List<String> violations = new ArrayList<>();
    private long requested;
    private long received;

    /** @param initialDemand what to request in {@code onSubscribe} (0: nothing yet) */
    public FlowCollector(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        if (initialDemand > 0) {
            request(initialDemand);
        }
    }

    @Override
    public synchronized void onNext(T item) {
        received++;
        if (terminal.isDone()) {
            violations.add("onNext after the terminal signal: " + item);
        }
        if (received > requested) {
            violations.add("item " + received + " delivered with " + requested + " requested: " + item);
        }
        items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        terminal.complete(throwable);
    }

    @Override
    public void onComplete() {
        terminal.complete(null);
    }

    /** Asks for {@code n} more items. */
    public void request(long n) {
        synchronized (this) {
            requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        }
        subscription.join().request(n);
    }

    public void cancel() {
        subscription.join().cancel();
    }

    /** Waits for the next {@code n} items (in the order they arrived); fails when they do not all come in time. */
    public List<T> awaitItems(int n, Duration timeout) {
        List<T> got = new ArrayList<>(n);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (got.size() < n) {
                T item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (item == null) {
                    throw new AssertionError("received " + got.size() + " of " + n + " items within " + timeout
                            + (terminal.isDone() ? "; terminated with " + terminal.join() : "") + "; got " + got);
                }
                got.add(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertNoViolation();
        return got;
    }

    /** @return true when no item arrives within {@code quiet} (what arrived stays for the next await) */
    public boolean nothingWithin(Duration quiet) {
        try {
            Thread.sleep(quiet.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return items.isEmpty();
    }

    /** @return the items that arrived and were not awaited yet */
    public List<T> drainItems() {
        List<T> got = new ArrayList<>();
        items.drainTo(got);
        return got;
    }

    /**
     * Waits for the terminal signal.
     *
     * @return the error of {@code onError}, or null for {@code onComplete}
     */
    public Throwable awaitTerminal(Duration timeout) {
        try {
            return terminal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no onComplete/onError within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean isTerminated() {
        return terminal.isDone();
    }

    /** Fails when a Reactive Streams rule was broken. */
    public synchronized void assertNoViolation() {
        if (!violations.isEmpty()) {
            throw new AssertionError("the publisher broke the Reactive Streams rules: " + violations);
        }
    }
}
