package io.github.mercurejakarta.tracing;

/**
 * A span in progress, current on the calling thread until {@link #close()}; ended by closing it.
 *
 * <pre>{@code
 * try (TracedOperation span = tracing.publish(update)) {
 *     span.published(id);
 * } // a RuntimeException thrown inside is recorded with span.failed(e) by the caller
 * }</pre>
 */
public interface TracedOperation extends AutoCloseable {

    /** Does nothing: what {@link HubTracing#OFF} returns. */
    TracedOperation NONE = new TracedOperation() {
    };

    /** Records the id the update was published with. */
    default void published(String id) {
    }

    /** Marks the span failed with {@code failure} (its class and message, not the data). */
    default void failed(Throwable failure) {
    }

    /** Ends the span and makes the previous one current again. */
    @Override
    default void close() {
    }
}
