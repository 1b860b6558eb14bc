package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.EncodedUpdate;

import java.util.function.Consumer;

/**
 * Where updates go between publish and fan-out: the total order of updates and their history.
 *
 * <p>The hub calls {@link #dispatch} for each update published on this node and receives, through the
 * listener given to {@link #start}, every update of the cluster in one total order, exactly once. An
 * in-memory transport ({@link LocalTransport}) serves one node; a shared log (Redis Streams) lets
 * several nodes act as one. Implementations are thread-safe.
 *
 * <p>The transport also keeps the records of the active subscriptions (the "active subscriptions"
 * feature, {@code mercure.hub.subscriptions}), so that a multi-node transport answers the
 * subscriptions API for the whole cluster: the hub {@link #register registers} each subscription of a
 * connection once it is open and {@link #unregister unregisters} it once it has ended, and lists them
 * with {@link #subscriptions()}. The hub publishes the matching subscription events itself, through
 * {@link #dispatch}. {@link LocalTransport} keeps the records in memory.
 */
public interface Transport extends AutoCloseable {

    /** Starts delivering updates to {@code listener}, in order, one at a time. Called once. */
    void start(Consumer<EncodedUpdate> listener);

    /**
     * Appends {@code update} to the total order.
     *
     * @return the update with its position
     * @throws TransportException when the update cannot be accepted (nothing is delivered then)
     */
    EncodedUpdate dispatch(EncodedUpdate update);

    /**
     * The kept updates that follow the one with id {@code lastEventId}; {@code earliest} or an id that is
     * not (or no longer) kept yields every kept update. When an id was reused, the earliest kept update
     * with that id is the cursor.
     */
    History history(String lastEventId);

    /** @return the id of the last update in the order, or {@code earliest} when none is kept. */
    String lastEventId();

    /**
     * Records an active subscription (called once per selector of a connection, after the connection
     * is registered on this node). Records are keyed by {@link ActiveSubscription#id()}.
     */
    void register(ActiveSubscription subscription);

    /** Forgets the subscription with this record's {@link ActiveSubscription#id() id} (no-op when unknown). */
    void unregister(ActiveSubscription subscription);

    /** @return every registered subscription of the hub, with the last event id at the time of reading */
    SubscriptionSnapshot subscriptions();

    /** Stops delivering and releases resources. */
    @Override
    void close();
}
