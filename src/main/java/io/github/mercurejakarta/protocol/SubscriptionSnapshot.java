package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.ActiveSubscription;

import java.util.List;

/**
 * The active subscriptions of the whole hub (every node of a cluster) and the id of the last update
 * dispatched when they were read, taken together: a client that lists them and then subscribes to the
 * subscription events with {@code lastEventId} as its cursor misses no change.
 *
 * @param lastEventId   the last update's id, or {@code earliest}
 * @param subscriptions the active subscriptions, in registration order
 */
public record SubscriptionSnapshot(String lastEventId, List<ActiveSubscription> subscriptions) {

    public SubscriptionSnapshot {
        subscriptions = List.copyOf(subscriptions);
    }
}
