package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    /**
     * The transport {@code mercure.hub.transport} names: {@code local}, or a URL whose scheme a
     * {@link TransportFactory} on the class path accepts ({@code redis://}, {@code rediss://}).
     *
     * <pre>{@code
     * Transport t = Transport.fromConfig(MercureConfig.of(Map.of("mercure.hub.transport", "redis://localhost:6379")));
     * }</pre>
     *
     * @throws ConfigurationException naming the key when no transport accepts the value, or its client
     *                                library is missing
     * @throws TransportException     when the backing service cannot be reached
     */
    static Transport fromConfig(MercureConfig config) {
        return Transports.create(config);
    }

    /**
     * Checks, without connecting, that {@code mercure.hub.transport} names a transport that can be made:
     * for deployment-time validation.
     *
     * @throws ConfigurationException naming the key when it does not
     */
    static void check(MercureConfig config) {
        Transports.check(config.transport());
    }

    /** Starts delivering updates to {@code listener}, in order, one at a time. Called once. */
    void start(Consumer<EncodedUpdate> listener);

    /**
     * Starts delivering updates to {@code listener} and reports to {@code events} what else the hub must
     * act on. Called once, instead of {@link #start(Consumer)}; a transport that has nothing to report
     * (one node, in memory) need not override it.
     */
    default void start(Consumer<EncodedUpdate> listener, Events events) {
        start(listener);
    }

    /**
     * Whether the transport can take updates now and keeps delivering them: what the hub's health checks
     * report. Answers quickly, without waiting on the network, and never throws.
     */
    default TransportHealth health() {
        return TransportHealth.up(java.util.Map.of("transport", "local"));
    }

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

    /**
     * What a transport shared by several nodes reports to the hub of one node, besides updates. Called on
     * the transport's own threads; implementations return quickly.
     */
    interface Events {

        /**
         * Updates of the total order were lost to this node before it could read them (its reader fell
         * further behind than the shared log keeps). Every open stream of this node may have missed some,
         * so the hub ends them: their clients reconnect with {@code Last-Event-ID} and get what the
         * history still holds. Called before the first update after the gap is delivered.
         *
         * @param missed how many updates were lost
         */
        default void updatesMissed(long missed) {
        }

        /**
         * Subscriptions whose state changed without this node's hub changing it, to be announced with a
         * subscription event each: those of a node that ended without unregistering them (a crash; with
         * {@code active=false}, reported to exactly one node of the cluster), or this node's own, put back
         * after its heartbeat had lapsed (with {@code active=true}).
         */
        default void subscriptionsChanged(List<ActiveSubscription> records) {
        }

        /**
         * For a transport whose reader or heartbeat thread calls the hub: the hub's handlers, each run so that
         * one that throws is logged and the thread goes on reading and beating.
         *
         * <pre>{@code
         * Events reported = Events.failuresLogged(hub, LOG, "MERCURE0309E the hub failed to handle a transport event");
         * }</pre>
         *
         * @param message the numbered line logged (SEVERE, with the exception) when a handler throws
         */
        static Events failuresLogged(Events hub, Logger log, String message) {
            return new Events() {
                @Override
                public void updatesMissed(long missed) {
                    run(() -> hub.updatesMissed(missed));
                }

                @Override
                public void subscriptionsChanged(List<ActiveSubscription> records) {
                    run(() -> hub.subscriptionsChanged(records));
                }

                private void run(Runnable call) {
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        log.log(Level.SEVERE, message, e);
                    }
                }
            };
        }
    }

    /** Stops delivering and releases resources. */
    @Override
    void close();
}
