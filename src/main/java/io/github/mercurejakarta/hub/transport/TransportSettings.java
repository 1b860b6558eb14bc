package io.github.mercurejakarta.hub.transport;

/**
 * What every transport is told besides its URL.
 *
 * <pre>{@code
 * Transport t = factory.create("redis://localhost:6379", new TransportSettings(500));
 * }</pre>
 *
 * @param reconciliationLength updates kept for reconnection with {@code Last-Event-ID}, all topics
 *                             ({@code mercure.hub.reconciliation.length}; 0 keeps none)
 */
public record TransportSettings(int reconciliationLength) {

    public TransportSettings {
        if (reconciliationLength < 0) {
            throw new IllegalArgumentException("reconciliationLength must be >= 0");
        }
    }
}
