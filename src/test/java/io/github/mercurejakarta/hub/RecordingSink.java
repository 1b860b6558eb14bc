package io.github.mercurejakarta.hub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink that keeps what the hub wrote, for unit tests of the hub core (the ITs use real HTTP). */
final class RecordingSink implements SubscriberSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final boolean stuck;
    /** While true, writes complete only at {@link #release()} (a client that has not read yet). */
    private boolean holding;
    private final List<CompletableFuture<Void>> held = new ArrayList<>();

    RecordingSink() {
        this(false);
    }

    /** @param stuck when true, writes never complete (a client that stopped reading) */
    RecordingSink(boolean stuck) {
        this.stuck = stuck;
    }

    /** @return a sink whose writes wait until {@link #release()} */
    static RecordingSink held() {
        RecordingSink s = new RecordingSink(false);
        s.holding = true;
        return s;
    }

    /** Completes the writes waiting, and lets the next ones complete at once. */
    void release() {
        List<CompletableFuture<Void>> waiting;
        synchronized (this) {
            holding = false;
            waiting = new ArrayList<>(held);
            held.clear();
        }
        waiting.forEach(f -> f.complete(null)); // outside the lock: completion runs the hub's writer
    }

    /** From now on writes wait for {@link #release()} again. */
    synchronized void hold() {
        holding = true;
    }

    @Override
    public synchronized CompletionStage<?> write(byte[] b) {
        bytes.writeBytes(b);
        notifyAll();
        if (holding) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        return stuck ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the text written so far satisfies {@code p}. */
    synchronized String awaitText(Predicate<String> p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!p.test(text())) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the stream did not reach the expected state in " + timeout + "; got:\n" + text());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return text();
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }
}
