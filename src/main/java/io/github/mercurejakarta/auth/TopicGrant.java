package io.github.mercurejakarta.auth;

import io.github.mercurejakarta.match.MatchType;
import io.github.mercurejakarta.match.TopicMatchers;
import java.util.Objects;

/**
 * One entry of a draft-08 grant's {@code topics} array, for minting: {@code {match, match_type}}.
 *
 * <pre>{@code
 * List.of(TopicGrant.exact("https://example.com/books/1"),
 *         TopicGrant.urlPattern("https://example.com/books/:id"),
 *         TopicGrant.all());
 * }</pre>
 *
 * @param match     the topic or pattern
 * @param matchType the registered matcher type name, {@code exact} or {@code urlpattern}
 */
public record TopicGrant(String match, String matchType) {

    public TopicGrant {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(matchType, "matchType");
    }

    /** Exactly this topic, byte for byte. */
    public static TopicGrant exact(String topic) {
        return new TopicGrant(topic, MatchType.EXACT.canonicalName());
    }

    /** Every topic a WHATWG URL Pattern matches (relative patterns resolve against the hub URL). */
    public static TopicGrant urlPattern(String pattern) {
        return new TopicGrant(pattern, MatchType.URLPATTERN.canonicalName());
    }

    /** Every topic: {@code *}. */
    public static TopicGrant all() {
        return exact(TopicMatchers.WILDCARD);
    }
}
