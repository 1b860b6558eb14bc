package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionDocuments;
import io.github.mercurejakarta.protocol.SubscriptionTopics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Active subscriptions ({@code mercure.hub.subscriptions}): registers each selector of a connection with
 * the transport and announces it ({@code active:true}), then unregisters it and announces its end
 * ({@code active:false}); also announces the records the transport reports from other nodes. Does
 * nothing when the feature is off.
 *
 * <p>An end is never announced before its start: both are announced under the connection's
 * {@link Announcements}, a lock of its own that fan-out never takes, and nothing is announced for a
 * connection once its end was.
 */
final class SubscriptionAnnouncer {

    private static final Logger LOG = Logger.getLogger(SubscriptionAnnouncer.class.getName());

    private final boolean enabled;
    private final Transport transport;
    /** The hub's internal dispatch: subscription topics are in the namespace the public rules reserve. */
    private final Consumer<Update> dispatch;
    /** False once the hub is closing: its transport is closed, nobody is left to tell of an end. */
    private final BooleanSupplier hubRunning;

    SubscriptionAnnouncer(boolean enabled, Transport transport, Consumer<Update> dispatch, BooleanSupplier hubRunning) {
        this.enabled = enabled;
        this.transport = transport;
        this.dispatch = dispatch;
        this.hubRunning = hubRunning;
    }

    /**
     * What was announced for one connection, kept with its {@link Subscriber} and read only here; its
     * monitor orders the announcements of the start and of the end.
     */
    static final class Announcements {
        /** Guarded by this: the records announced as active, empty before and after. */
        private List<ActiveSubscription> active = List.of();
        /** Guarded by this: true once the end was announced (nothing is announced after it). */
        private boolean ended;
    }

    /** Registers and announces the subscriptions of a connection just registered with the hub. */
    void announceOpen(Subscriber s) {
        if (!enabled) {
            return;
        }
        Announcements a = s.announcements();
        synchronized (a) {
            if (a.ended) {
                return;
            }
            List<ActiveSubscription> records = records(s);
            a.active = records;
            try {
                for (ActiveSubscription r : records) {
                    transport.register(r);
                }
                for (ActiveSubscription r : records) {
                    dispatch.accept(event(r));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "MERCURE0201W could not announce the subscriptions of {0}: {1}",
                        new Object[] {s.id(), e.toString()});
            }
        }
    }

    /** Unregisters the subscriptions of a connection that ended, and announces their end. */
    void announceEnd(Subscriber s) {
        if (!enabled) {
            return;
        }
        Announcements a = s.announcements();
        synchronized (a) {
            a.ended = true;
            List<ActiveSubscription> records = a.active;
            a.active = List.of();
            for (ActiveSubscription r : records) {
                try {
                    transport.unregister(r);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0202W could not unregister {0}: {1}", new Object[] {r.id(), e.toString()});
                }
            }
            if (!hubRunning.getAsBoolean()) {
                return; // the transport is closed: nobody is left to tell
            }
            for (ActiveSubscription r : records) {
                try {
                    dispatch.accept(event(r.withActive(false)));
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "could not announce the end of {0}: {1}", new Object[] {r.id(), e.toString()});
                }
            }
        }
    }

    /** Announces each record in its own dialect, as for a subscriber of this node. */
    void announceElsewhere(List<ActiveSubscription> records) {
        if (!enabled || !hubRunning.getAsBoolean()) {
            return;
        }
        for (ActiveSubscription r : records) {
            try {
                dispatch.accept(event(r));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "MERCURE0203W could not announce {0} (active: {1}): {2}",
                        new Object[] {r.id(), r.active(), e.toString()});
            }
        }
    }

    /** One record per distinct selector of the connection (a repeated selector is one subscription). */
    static List<ActiveSubscription> records(Subscriber s) {
        SubscriptionRequest r = s.request();
        Map<String, ActiveSubscription> byId = new LinkedHashMap<>();
        for (int i = 0; i < r.selectors().size(); i++) {
            TopicMatcher m = r.selectors().get(i);
            String matchType = SubscriptionTopics.matchType(r.dialect(), m.type());
            String id = r.dialect() == Dialect.DRAFT_07
                    ? SubscriptionTopics.draft07(r.hubPath(), m.selector(), s.id())
                    : SubscriptionTopics.draft08(r.hubPath(), matchType, m.selector(), s.id());
            byId.putIfAbsent(id, new ActiveSubscription(id, r.dialect().version(), matchType, m.selector(), s.id(), true,
                    r.payloads().get(i)));
        }
        return new ArrayList<>(byId.values());
    }

    /** The private update announcing {@code s}: its document on its own IRI. */
    static Update event(ActiveSubscription s) {
        Update.Builder b = Update.builder().topic(s.id()).data(SubscriptionDocuments.subscription(s, null))
                .privateUpdate(true);
        if (s.protocolVersion() == Dialect.DRAFT_08.version()) {
            b.type("mercure"); // draft-08 §active subscriptions: SSE event type `mercure`, reserved to the hub
        }
        return b.build();
    }
}
