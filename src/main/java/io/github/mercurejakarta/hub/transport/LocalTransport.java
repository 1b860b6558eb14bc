package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The in-memory transport of a single node: a ring of the last {@code reconciliationLength} updates
 * and synchronous delivery to the hub.
 *
 * <p>One lock orders dispatch, delivery and history queries. Delivery happens inside the lock so that
 * every subscriber sees the order of the history; it only enqueues into subscriber queues, so the lock
 * is held for microseconds per subscriber, never for network writes.
 *
 * <p>The active subscriptions are a map in registration order under the same lock, so that a listing
 * and the last event id it comes with are consistent.
 */
public final class LocalTransport implements Transport {

    private final int capacity;
    private final Object lock = new Object();
    /** The kept updates, oldest first. */
    private final ArrayDeque<EncodedUpdate> ring;
    /** id -> positions of kept updates with that id, oldest first (ids may be reused by publishers). */
    private final Map<String, ArrayDeque<Long>> positionsById = new HashMap<>();
    /** id -> active subscription, in registration order. */
    private final Map<String, ActiveSubscription> subscriptions = new LinkedHashMap<>();
    private long nextPosition = 1;
    private Consumer<EncodedUpdate> listener;
    private boolean closed;

    /** @param capacity how many updates to keep for reconciliation (0 keeps none). */
    public LocalTransport(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 4096) + 1);
    }

    @Override
    public void start(Consumer<EncodedUpdate> listener) {
        synchronized (lock) {
            if (this.listener != null) {
                throw new IllegalStateException("already started");
            }
            this.listener = Objects.requireNonNull(listener);
        }
    }

    @Override
    public EncodedUpdate dispatch(EncodedUpdate update) {
        synchronized (lock) {
            if (closed) {
                throw new TransportException("the hub is shutting down");
            }
            EncodedUpdate positioned = update.at(nextPosition++);
            if (capacity > 0) {
                if (ring.size() == capacity) {
                    EncodedUpdate evicted = ring.removeFirst();
                    ArrayDeque<Long> ps = positionsById.get(evicted.id());
                    ps.removeFirst();
                    if (ps.isEmpty()) {
                        positionsById.remove(evicted.id());
                    }
                }
                ring.addLast(positioned);
                positionsById.computeIfAbsent(positioned.id(), k -> new ArrayDeque<>(1)).addLast(positioned.position());
            }
            if (listener != null) {
                listener.accept(positioned);
            }
            return positioned;
        }
    }

    @Override
    public History history(String lastEventId) {
        synchronized (lock) {
            if (ring.isEmpty()) {
                return new History(false, List.of(), nextPosition - 1);
            }
            ArrayDeque<Long> ps = Dialect.EARLIEST.equals(lastEventId) ? null : positionsById.get(lastEventId);
            long first = ring.peekFirst().position();
            long after = ps == null ? first - 1 : ps.peekFirst();
            // positions in the ring are consecutive: index = position - first
            int skip = (int) (after - first + 1);
            List<EncodedUpdate> out = new ArrayList<>(ring.size() - skip);
            int i = 0;
            for (EncodedUpdate u : ring) {
                if (i++ >= skip) {
                    out.add(u);
                }
            }
            return new History(ps != null, out, nextPosition - 1);
        }
    }

    @Override
    public String lastEventId() {
        synchronized (lock) {
            return ring.isEmpty() ? Dialect.EARLIEST : ring.peekLast().id();
        }
    }

    @Override
    public void register(ActiveSubscription subscription) {
        synchronized (lock) {
            subscriptions.put(subscription.id(), subscription);
        }
    }

    @Override
    public void unregister(ActiveSubscription subscription) {
        synchronized (lock) {
            subscriptions.remove(subscription.id());
        }
    }

    @Override
    public SubscriptionSnapshot subscriptions() {
        synchronized (lock) {
            return new SubscriptionSnapshot(ring.isEmpty() ? Dialect.EARLIEST : ring.peekLast().id(),
                    new ArrayList<>(subscriptions.values()));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }
}
