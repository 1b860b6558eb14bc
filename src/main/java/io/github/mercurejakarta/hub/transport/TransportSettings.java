package io.github.mercurejakarta.hub.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What every transport is told besides its URL.
 *
 * <pre>{@code
 * Transport t = factory.create("file:/var/lib/mercure", new TransportSettings(500, Duration.ofHours(24)));
 * }</pre>
 *
 * @param reconciliationLength updates kept for reconnection with {@code Last-Event-ID}, all topics
 *                             ({@code mercure.hub.reconciliation.length}; 0 keeps none)
 * @param maxAge               how long an update is kept at most ({@code mercure.hub.history.max.age});
 *                             {@link Duration#ZERO}: no age bound. Transports that keep their history
 *                             in memory or in a shared log bounded by count may ignore it.
 */
public record TransportSettings(int reconciliationLength, Duration maxAge) {

    public TransportSettings {
        if (reconciliationLength < 0) {
            throw new IllegalArgumentException("reconciliationLength must be >= 0");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be >= 0");
        }
    }

    /** Settings with no age bound. */
    public TransportSettings(int reconciliationLength) {
        this(reconciliationLength, Duration.ZERO);
    }
}
