package io.github.mercurejakarta;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Publishes Mercure updates: to the embedded hub in-process, or to an external hub over HTTP.
 *
 * <pre>{@code
 * @Inject Mercure mercure;
 *
 * String id = mercure.publish("https://example.com/books/1", "{\"title\":\"Dune\"}");
 * mercure.publish("https://example.com/books/1", book);          // serialised with JSON-B
 * mercure.publish(Update.builder().topic("chat").data("hi").privateUpdate(true).build());
 *
 * // presence (the hub's active subscriptions; the payload comes from the subscriber's token)
 * boolean online = mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));
 * }</pre>
 */
public interface Mercure {

    /**
     * Publishes {@code update} and returns its id (the one given, or the one the hub generated).
     *
     * @throws MercureException when the update is invalid or the hub refuses or cannot be reached
     */
    String publish(Update update);

    /**
     * Publishes {@code data} on {@code topic}. A {@link String} is sent as is; any other object is
     * serialised with JSON-B.
     */
    default String publish(String topic, Object data) {
        return publish(update(topic, data));
    }

    /** Like {@link #publish(Update)} without making the caller wait for the hub. */
    CompletionStage<String> publishAsync(Update update);

    /** Builds the update {@link #publish(String, Object)} sends, serialising non-String data. */
    Update update(String topic, Object data);

    /**
     * The active subscriptions whose selector is exactly {@code topic} (a draft-07 {@code topic} value or a
     * draft-08 {@code match} value), or every active subscription when {@code topic} is null or empty: of
     * the embedded hub in-process, or of an external hub through its subscriptions API (with a subscriber
     * token minted from {@code mercure.subscriber.secret.key}).
     *
     * <pre>{@code
     * mercure.getSubscriptions("https://example.com/rooms/1").size();   // in EL: #{mercure.getSubscriptions(room.topic)}
     * }</pre>
     *
     * @throws MercureException when active subscriptions are off ({@code mercure.hub.subscriptions=false}),
     *                          or the external hub refuses or cannot be reached
     */
    default List<ActiveSubscription> getSubscriptions(String topic) {
        throw new UnsupportedOperationException(getClass().getName() + " does not report subscriptions");
    }

    /**
     * One subscription: that of {@code subscriber} (a connection's {@code urn:uuid:} IRI) on {@code topic}.
     *
     * <pre>{@code mercure.getSubscription(topic, subscriberId).map(ActiveSubscription::payload) }</pre>
     */
    default Optional<ActiveSubscription> getSubscription(String topic, String subscriber) {
        return getSubscriptions(topic).stream().filter(s -> s.subscriber().equals(subscriber)).findFirst();
    }

    /**
     * Whether some active subscription on {@code topic} has a payload holding every entry of
     * {@code payloadFilter} (flask-mercure-sse's {@code is_connected(topic, **filters)}).
     *
     * <pre>{@code
     * mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));
     * // EL: #{mercure.isConnected(room.topic, {'user': user.name})}
     * }</pre>
     *
     * @param payloadFilter entries the payload must contain; null or empty: any subscription counts
     */
    default boolean isConnected(String topic, Map<String, ?> payloadFilter) {
        for (ActiveSubscription s : getSubscriptions(topic)) {
            if (s.active() && s.payloadContains(payloadFilter)) {
                return true;
            }
        }
        return false;
    }

    /** Whether anybody is subscribed to {@code topic}: {@link #isConnected(String, Map)} without a filter. */
    default boolean isConnected(String topic) {
        return isConnected(topic, Map.of());
    }
}
