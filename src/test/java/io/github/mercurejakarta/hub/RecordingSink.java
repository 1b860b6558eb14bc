package io.github.mercurejakarta.hub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    RecordingSink() {
        this(false);
    }

    /** @param stuck when true, writes never complete (a client that stopped reading) */
    RecordingSink(boolean stuck) {
        this.stuck = stuck;
    }

    @Override
    public synchronized CompletionStage<?> write(byte[] b) {
        bytes.writeBytes(b);
        notifyAll();
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
