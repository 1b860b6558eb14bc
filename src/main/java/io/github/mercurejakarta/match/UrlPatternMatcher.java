package io.github.mercurejakarta.match;

import io.github.mercurejakarta.match.urlpattern.InvalidUrlPatternException;
import io.github.mercurejakarta.match.urlpattern.UrlPattern;
import io.github.mercurejakarta.match.urlpattern.WhatwgUrl;

/**
 * A draft-08 {@code match_urlpattern=} selector: a WHATWG URL Pattern, absolute or relative to the
 * hub's URL, matched in linear time (RE2/J).
 *
 * <pre>{@code
 * TopicMatcher m = TopicMatchers.urlPattern("/books/:id", "https://hub.example/.well-known/mercure");
 * m.matches("https://hub.example/books/1"); // true
 * m.matches("/books/1");                    // true: topics resolve against the same base
 * }</pre>
 */
final class UrlPatternMatcher implements TopicMatcher {

    /** Longer selectors are refused: they only cost memory and compile time. */
    static final int MAX_PATTERN_LENGTH = 4096;

    private final String selector;
    private final UrlPattern pattern;
    private final WhatwgUrl base;

    private UrlPatternMatcher(String selector, UrlPattern pattern, WhatwgUrl base) {
        this.selector = selector;
        this.pattern = pattern;
        this.base = base;
    }

    static TopicMatcher of(String pattern, String baseUrl) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidSelectorException("URL pattern longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        WhatwgUrl base = null;
        if (baseUrl != null) {
            base = WhatwgUrl.parse(baseUrl, (String) null);
            if (base == null) {
                throw new InvalidSelectorException("invalid hub base URL '" + baseUrl + "'");
            }
        }
        try {
            return new UrlPatternMatcher(pattern, UrlPattern.compile(pattern, baseUrl), base);
        } catch (InvalidUrlPatternException e) {
            throw new InvalidSelectorException("invalid URL pattern '" + pattern + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        try {
            // a topic that is not a URL reference (relative to the hub) parses to null: no match
            WhatwgUrl url = WhatwgUrl.parse(topic, base);
            return url != null && pattern.test(url);
        } catch (RuntimeException e) {
            // matches() must never throw; a parser bug on exotic input means "not selected"
            return false;
        }
    }

    @Override
    public String selector() {
        return selector;
    }

    @Override
    public MatchType type() {
        return MatchType.URLPATTERN;
    }

    @Override
    public String toString() {
        return "urlpattern:" + selector;
    }
}
