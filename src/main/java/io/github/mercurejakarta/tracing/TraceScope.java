package io.github.mercurejakarta.tracing;

/**
 * A trace context made current by {@link HubTracing#continueFrom}; closing it restores the previous one.
 *
 * <pre>{@code
 * try (TraceScope remote = tracing.continueFrom(request::header)) { hub.publish(update); }
 * }</pre>
 */
public interface TraceScope extends AutoCloseable {

    /** Nothing was made current. */
    TraceScope NONE = () -> { };

    @Override
    void close();
}
