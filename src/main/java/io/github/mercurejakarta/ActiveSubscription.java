package io.github.mercurejakarta;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One subscription of one connection to the hub, as the Mercure "active subscriptions" feature reports
 * it: in subscription events, in the subscriptions API and through {@link Mercure#getSubscriptions}.
 *
 * <pre>{@code
 * for (ActiveSubscription s : mercure.getSubscriptions("https://example.com/rooms/1")) {
 *     log.info(s.subscriber() + " watches " + s.match() + " as " + s.payload());
 * }
 * boolean aliceIsHere = mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));
 * }</pre>
 *
 * @param id         the subscription's IRI, which is also the topic of its events: a path relative to the
 *                   hub's origin, e.g. {@code /.well-known/mercure/subscriptions/exact/https%3A%2F%2Fe.x%2F1/urn%3Auuid%3A...}
 *                   (draft-08) or {@code /.well-known/mercure/subscriptions/https%3A%2F%2Fe.x%2F1/urn%3Auuid%3A...}
 *                   (draft-07)
 * @param protocolVersion the draft the subscriber spoke, 7 or 8 (decides the shape of {@code id})
 * @param matchType  the draft-08 matcher type ({@code exact}, {@code urlpattern}); null for draft-07
 *                   subscriptions, whose selectors have no type
 * @param match      the selector as the subscriber gave it: the {@code match} value (draft-08) or the
 *                   {@code topic} value (draft-07)
 * @param subscriber the connection's IRI ({@code urn:uuid:...}); one per connection, shared by its subscriptions
 * @param active     true while the connection is open
 * @param payload    the {@code payload} the subscriber's token attaches to this subscription, as plain Java
 *                   JSON values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}),
 *                   or null
 */
public record ActiveSubscription(String id, int protocolVersion, String matchType, String match, String subscriber,
                                 boolean active, Object payload) {

    /**
     * Checks the components; the hub, the subscriptions client and {@code MercureRecorder} make these, an
     * application usually only reads them (or makes one as expected value in a test).
     *
     * <pre>{@code
     * new ActiveSubscription("/.well-known/mercure/subscriptions/exact/chat/urn%3Auuid%3A1", 8, "exact", "chat",
     *         "urn:uuid:1", true, Map.of("user", "alice"))
     * }</pre>
     *
     * @param id              the subscription's IRI
     * @param protocolVersion 7 or 8
     * @param matchType       the draft-08 matcher type, or null
     * @param match           the selector
     * @param subscriber      the connection's IRI
     * @param active          true while the connection is open
     * @param payload         the token's payload for it, or null
     * @throws NullPointerException     when {@code id}, {@code match} or {@code subscriber} is null
     * @throws IllegalArgumentException when {@code protocolVersion} is neither 7 nor 8
     */
    public ActiveSubscription {
        Objects.requireNonNull(id, "id");
        if (protocolVersion != 7 && protocolVersion != 8) {
            throw new IllegalArgumentException("protocolVersion must be 7 or 8, got " + protocolVersion);
        }
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(subscriber, "subscriber");
    }

    /**
     * The selector under its draft-07 name, for code and EL written for draft-07 ({@code #{s.topic}}).
     *
     * @return the selector, the same as {@link #match()}.
     */
    public String topic() {
        return match;
    }

    /**
     * A copy with {@code active} changed: what the hub announces when the connection ends.
     *
     * <pre>{@code ActiveSubscription ended = subscription.withActive(false);}</pre>
     *
     * @param value the new {@code active}
     * @return the same subscription with {@code active} set as given ({@code this} when unchanged).
     */
    public ActiveSubscription withActive(boolean value) {
        return value == active ? this : new ActiveSubscription(id, protocolVersion, matchType, match, subscriber, value, payload);
    }

    /**
     * Whether the payload holds every entry of {@code filter}: the payload is a JSON object and, for each
     * filter key, has that key with an equal value (numbers compare by value, so {@code 1} equals {@code 1L}).
     * An empty or null filter matches every subscription.
     *
     * <pre>{@code s.payloadContains(Map.of("user", "alice")) }</pre>
     *
     * @param filter the entries the payload must hold (JSON values); null or empty for none
     * @return true when the payload holds every entry of {@code filter}
     */
    public boolean payloadContains(Map<String, ?> filter) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        if (!(payload instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<String, ?> e : filter.entrySet()) {
            if (!map.containsKey(e.getKey()) || !jsonEquals(map.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (isIntegral(x) && isIntegral(y)) {
                return x.longValue() == y.longValue();
            }
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof java.math.BigInteger;
    }
}
