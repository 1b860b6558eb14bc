package io.github.mercurejakarta.match;

/** STUB — to be written (RFC 6570 template matching, linear time). */
final class UriTemplateMatcher implements TopicMatcher {
    private final String selector;

    private UriTemplateMatcher(String selector) {
        this.selector = selector;
    }

    static TopicMatcher of(String selector) {
        return new UriTemplateMatcher(selector);
    }

    @Override
    public boolean matches(String topic) {
        return selector.equals(topic);
    }

    @Override
    public String selector() {
        return selector;
    }

    @Override
    public MatchType type() {
        return MatchType.URI_TEMPLATE;
    }
}
