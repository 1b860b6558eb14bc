package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a subscriber asked for and may see, already validated and authorised by the protocol layer.
 *
 * @param dialect       the protocol generation the client speaks
 * @param selectors     its topic selectors (at least one)
 * @param privateAccess decides whether a private update with these topics may be sent to it
 *                      (the token's subscribe grants; anonymous subscribers get none)
 * @param payload       the token's payload for this subscriber (JSON-ready Java value), or null
 * @param lastEventId   the reconnection cursor, or null
 * @param expiresAt     when the authorising token expires (the stream closes then), or null
 */
public record SubscriptionRequest(Dialect dialect, List<TopicMatcher> selectors,
                                  Predicate<List<String>> privateAccess, Object payload,
                                  String lastEventId, Instant expiresAt) {

    /** No private update is visible. */
    public static final Predicate<List<String>> PUBLIC_ONLY = topics -> false;

    public SubscriptionRequest {
        Objects.requireNonNull(dialect, "dialect");
        if (selectors == null || selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one selector");
        }
        selectors = List.copyOf(selectors);
        privateAccess = privateAccess == null ? PUBLIC_ONLY : privateAccess;
    }
}
