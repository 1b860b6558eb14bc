package io.github.mercurejakarta.match;

/** STUB — to be written (WHATWG URL Pattern, linear time). */
final class UrlPatternMatcher implements TopicMatcher {
    private final String selector;

    private UrlPatternMatcher(String selector) {
        this.selector = selector;
    }

    static TopicMatcher of(String pattern, String baseUrl) {
        throw new InvalidSelectorException("URL Pattern matching is not implemented yet");
    }

    @Override
    public boolean matches(String topic) {
        return false;
    }

    @Override
    public String selector() {
        return selector;
    }

    @Override
    public MatchType type() {
        return MatchType.URLPATTERN;
    }
}
