package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionTopics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * @param payload       the token's payload for the first selector (JSON-ready Java value), or null
 * @param lastEventId   the reconnection cursor, or null
 * @param expiresAt     when the authorising token expires (the stream closes then), or null
 * @param hubPath       the path of the hub URL as the client addressed it (e.g. {@code /app/.well-known/mercure}):
 *                      the prefix of this connection's subscription topics; null means
 *                      {@value SubscriptionTopics#DEFAULT_HUB_PATH}
 * @param payloads      the token's payload for each selector, in the order of {@code selectors}
 *                      (draft-08 picks it per selector: the first subscribe detail matching it); null
 *                      means {@code payload} for every selector
 */
public record SubscriptionRequest(Dialect dialect, List<TopicMatcher> selectors,
                                  Predicate<List<String>> privateAccess, Object payload,
                                  String lastEventId, Instant expiresAt, String hubPath, List<Object> payloads) {

    /** The payloads of a one-selector subscription without payload (most anonymous ones): shared. */
    private static final List<Object> ONE_NULL = Collections.singletonList(null);

    /** {@code n} times {@code payload}, without a list per subscription for the usual single null. */
    private static List<Object> sameFor(int n, Object payload) {
        return n == 1 && payload == null ? ONE_NULL : Collections.nCopies(n, payload);
    }

    private static boolean allSame(List<Object> payloads) {
        for (Object p : payloads) {
            if (p != payloads.get(0)) {
                return false;
            }
        }
        return true;
    }

    /** No private update is visible. */
    public static final Predicate<List<String>> PUBLIC_ONLY = topics -> false;

    public SubscriptionRequest {
        Objects.requireNonNull(dialect, "dialect");
        if (selectors == null || selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one selector");
        }
        selectors = List.copyOf(selectors);
        privateAccess = privateAccess == null ? PUBLIC_ONLY : privateAccess;
        hubPath = hubPath == null || hubPath.isEmpty() ? SubscriptionTopics.DEFAULT_HUB_PATH : hubPath;
        if (payloads == null) {
            payloads = sameFor(selectors.size(), payload);
        } else if (payloads.size() != selectors.size()) {
            throw new IllegalArgumentException("one payload per selector: " + payloads.size() + " for "
                    + selectors.size() + " selectors");
        } else if (allSame(payloads)) {
            payloads = sameFor(payloads.size(), payloads.get(0)); // the common case: one payload (or none) for all
        } else {
            payloads = Collections.unmodifiableList(new ArrayList<>(payloads)); // nulls allowed
        }
    }

    /** A request at the default hub path with one payload for all its selectors. */
    public SubscriptionRequest(Dialect dialect, List<TopicMatcher> selectors, Predicate<List<String>> privateAccess,
                               Object payload, String lastEventId, Instant expiresAt) {
        this(dialect, selectors, privateAccess, payload, lastEventId, expiresAt, null, null);
    }
}
