package io.github.mercurejakarta.match;

import java.util.Objects;

/**
 * Factories for {@link TopicMatcher}s.
 */
public final class TopicMatchers {

    /** The wildcard selector of both dialects. */
    public static final String WILDCARD = "*";

    private TopicMatchers() {
    }

    /** Byte-for-byte, case-sensitive equality (draft-08 {@code match} / {@code match_exact}). */
    public static TopicMatcher exact(String selector) {
        Objects.requireNonNull(selector, "selector");
        if (WILDCARD.equals(selector)) {
            return wildcard();
        }
        return new ExactMatcher(selector);
    }

    /** {@code *}: every topic. */
    public static TopicMatcher wildcard() {
        return WildcardMatcher.INSTANCE;
    }

    /**
     * A draft-07 selector: {@code *}, or a string that selects itself exactly and, when it is a valid
     * RFC 6570 URI template, every topic the template matches.
     */
    public static TopicMatcher draft07(String selector) {
        Objects.requireNonNull(selector, "selector");
        if (WILDCARD.equals(selector)) {
            return wildcard();
        }
        return UriTemplateMatcher.of(selector);
    }

    /**
     * A draft-08 WHATWG URL Pattern, absolute or relative to {@code baseUrl} (the hub's URL).
     *
     * @throws InvalidSelectorException when the pattern is malformed
     */
    public static TopicMatcher urlPattern(String pattern, String baseUrl) {
        Objects.requireNonNull(pattern, "pattern");
        if (WILDCARD.equals(pattern)) {
            return wildcard();
        }
        return UrlPatternMatcher.of(pattern, baseUrl);
    }

    /**
     * A draft-08 matcher of the given type name ({@code exact} or {@code urlpattern}).
     *
     * @throws InvalidSelectorException for an unknown type or a malformed pattern
     */
    public static TopicMatcher draft08(String matchType, String selector, String baseUrl) {
        if (matchType == null || "exact".equals(matchType)) {
            return exact(selector);
        }
        if ("urlpattern".equals(matchType)) {
            return urlPattern(selector, baseUrl);
        }
        throw new InvalidSelectorException("unsupported match type: " + matchType);
    }

    record ExactMatcher(String selector) implements TopicMatcher {
        @Override
        public boolean matches(String topic) {
            return selector.equals(topic);
        }

        @Override
        public MatchType type() {
            return MatchType.EXACT;
        }

        @Override
        public String exactTopic() {
            return selector;
        }
    }

    enum WildcardMatcher implements TopicMatcher {
        INSTANCE;

        @Override
        public boolean matches(String topic) {
            return topic != null;
        }

        @Override
        public String selector() {
            return WILDCARD;
        }

        @Override
        public MatchType type() {
            return MatchType.WILDCARD;
        }
    }
}
