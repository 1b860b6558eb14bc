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
    /**
     * id -> position of the kept update with that id (a {@code Long}), or, when a publisher reused the id, the
     * positions of all of them, oldest first (an {@code ArrayDeque<Long>}). Ids are almost always unique: one
     * boxed position and two hash lookups per dispatch, not a deque per update (the largest item of the
     * publish path in a JFR profile, bench/RESULTS.md, "Publish path, P2 and JFR").
     */
    private final Map<String, Object> positionsById = new HashMap<>();
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
                    Object ps = positionsById.remove(evicted.id());
                    if (ps instanceof ArrayDeque<?> several) {
                        several.removeFirst(); // the evicted one: the oldest
                        positionsById.put(evicted.id(), several.size() == 1 ? several.peekFirst() : several);
                    }
                }
                ring.addLast(positioned);
                Long position = positioned.position();
                Object previous = positionsById.putIfAbsent(positioned.id(), position);
                if (previous instanceof ArrayDeque<?>) {
                    @SuppressWarnings("unchecked")
                    ArrayDeque<Long> several = (ArrayDeque<Long>) previous;
                    several.addLast(position);
                } else if (previous != null) {
                    ArrayDeque<Long> several = new ArrayDeque<>(4);
                    several.addLast((Long) previous);
                    several.addLast(position);
                    positionsById.put(positioned.id(), several);
                }
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
            Object ps = Dialect.EARLIEST.equals(lastEventId) ? null : positionsById.get(lastEventId);
            long first = ring.peekFirst().position();
            long after = ps == null ? first - 1 : ps instanceof ArrayDeque<?> several ? (Long) several.peekFirst() : (Long) ps;
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
