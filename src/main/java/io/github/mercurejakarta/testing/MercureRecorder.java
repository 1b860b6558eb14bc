package io.github.mercurejakarta.testing;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.cdi.ApplicationJsonb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Mercure} that publishes nothing and records every update, for an application's own tests
 * (the counterpart of Symfony's {@code MockHub}): put it where the code under test expects a
 * {@code Mercure}, run the code, assert on what it published.
 *
 * <pre>{@code
 * MercureRecorder mercure = new MercureRecorder();
 * new BookService(mercure).rename(42, "Dune");
 *
 * Update update = mercure.last("https://example.com/books/42").orElseThrow();
 * assertEquals("{\"title\":\"Dune\"}", update.data());
 * assertTrue(update.isPrivate());
 * }</pre>
 *
 * In a CDI test (Weld SE, Arquillian), produce it as the application's {@code Mercure}; the
 * {@code @MercureTopic} event bridge then publishes into it too:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RecordingMercure {
 *     @Produces @Alternative @Priority(1) @ApplicationScoped
 *     MercureRecorder mercure() { return new MercureRecorder(); }
 * }
 * // in the test: @Inject MercureRecorder mercure;  ...  mercure.await(1, Duration.ofSeconds(5));
 * }</pre>
 *
 * Each recorded update carries an id: its own, or a generated {@code urn:uuid:} (the one
 * {@link #publish} returns), so a test can check the id the code under test passed on. Thread-safe:
 * {@link #await} waits for updates published by other threads ({@code fireAsync}, {@code publishAsync}).
 */
public class MercureRecorder implements Mercure {

    private final List<Update> updates = new ArrayList<>();
    private RuntimeException failure;
    private final ApplicationJsonb json = ApplicationJsonb.ofCurrentContainer();

    /**
     * Records {@code update} (with its id, or a generated one) and returns the id; or, after
     * {@link #failWith}, throws that exception and records nothing.
     */
    @Override
    public String publish(Update update) {
        Objects.requireNonNull(update, "update");
        synchronized (updates) {
            if (failure != null) {
                throw failure;
            }
            Update recorded = update.id() != null ? update : update.toBuilder().id("urn:uuid:" + UUID.randomUUID()).build();
            updates.add(recorded);
            updates.notifyAll();
            return recorded.id();
        }
    }

    /** Like {@link #publish}: completed at once, or failed after {@link #failWith}. */
    @Override
    public CompletionStage<String> publishAsync(Update update) {
        try {
            return CompletableFuture.completedFuture(publish(update));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Builds the update {@code publish(topic, data)} records: a String as is, anything else as JSON-B, with
     * the application's {@code Jsonb} or {@code JsonbConfig} bean when the recorder runs in a CDI
     * container (as {@code mercure.publish} does in production), else a default {@code Jsonb}.
     */
    @Override
    public Update update(String topic, Object data) {
        return Update.of(topic, json.text(data));
    }

    /** @return every update recorded so far, oldest first (a copy) */
    public List<Update> updates() {
        synchronized (updates) {
            return List.copyOf(updates);
        }
    }

    /** @return the updates having {@code topic} among their topics (canonical or alternate), oldest first */
    public List<Update> updates(String topic) {
        return updates().stream().filter(u -> u.topics().contains(topic)).toList();
    }

    /** @return the latest update recorded, if any */
    public Optional<Update> last() {
        List<Update> all = updates();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** @return the latest update having {@code topic} among its topics, if any */
    public Optional<Update> last(String topic) {
        List<Update> matching = updates(topic);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    /**
     * Waits until at least {@code count} updates are recorded.
     *
     * @return the updates recorded then
     * @throws AssertionError when fewer arrived within {@code timeout} (the message lists those that did)
     */
    public List<Update> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (updates) {
            while (updates.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " Mercure update(s) within " + timeout + ", got "
                            + updates.size() + ": " + updates);
                }
                try {
                    updates.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for Mercure updates", e);
                }
            }
            return List.copyOf(updates);
        }
    }

    /**
     * Makes every later publish throw {@code exception} (e.g. a {@code HubUnreachableException}), to test
     * how the code under test handles a failing hub; {@code null} publishes normally again.
     */
    public void failWith(RuntimeException exception) {
        synchronized (updates) {
            failure = exception;
        }
    }

    /** Forgets the recorded updates (and any {@link #failWith} exception). */
    public void clear() {
        synchronized (updates) {
            updates.clear();
            failure = null;
        }
    }
}
