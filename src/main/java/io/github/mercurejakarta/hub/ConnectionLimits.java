package io.github.mercurejakarta.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The places under {@code mercure.hub.max.connections} and {@code mercure.hub.max.connections.per.address}:
 * a stream takes one before it is registered and gives it back once it has ended. A refusal is counted
 * (and logged) in {@link HubMetrics} and thrown as a {@link LimitExceededException}.
 */
final class ConnectionLimits {

    private final int maxConnections;
    private final int maxPerAddress;
    private final HubMetrics metrics;
    /** Open streams counted against the total (the index's size cannot be checked and set at once). */
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> connectionsByAddress = new ConcurrentHashMap<>();

    /** A limit of 0 is off. */
    ConnectionLimits(int maxConnections, int maxPerAddress, HubMetrics metrics) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.metrics = metrics;
    }

    /**
     * Takes a place for one stream from {@code address} (null when the front end cannot tell: then only
     * the total counts).
     *
     * @throws LimitExceededException when a limit is reached; no place is taken then
     */
    void acquire(String address) {
        if (connections.incrementAndGet() > maxConnections && maxConnections > 0) {
            connections.decrementAndGet();
            metrics.limitRejected(Limit.CONNECTIONS, maxConnections + " open streams");
            throw new LimitExceededException(Limit.CONNECTIONS, "the hub has reached its maximum of " + maxConnections + " open streams");
        }
        if (address != null && maxPerAddress > 0) {
            AtomicInteger n = connectionsByAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (n.incrementAndGet() > maxPerAddress) {
                release(address);
                metrics.limitRejected(Limit.CONNECTIONS_PER_ADDRESS, maxPerAddress + " open streams from one address");
                throw new LimitExceededException(Limit.CONNECTIONS_PER_ADDRESS,
                        "too many open streams from this address (at most " + maxPerAddress + ")");
            }
        }
    }

    /** Gives back the place {@link #acquire} took for a stream from {@code address}. */
    void release(String address) {
        connections.decrementAndGet();
        if (address != null && maxPerAddress > 0) {
            // drop the entry at zero, atomically with the decrement, so the map holds only open addresses
            connectionsByAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }
}
