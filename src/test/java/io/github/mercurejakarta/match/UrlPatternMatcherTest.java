package io.github.mercurejakarta.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mercure's use of URL patterns: selectors relative to the hub URL, never-throwing matching. */
class UrlPatternMatcherTest {

    private static final String HUB = "https://hub.example/.well-known/mercure";

    @Test
    void relativeSubscriptionPatternMatchesAbsoluteTopic() {
        TopicMatcher m = TopicMatchers.urlPattern("/.well-known/mercure/subscriptions/:t/:m/:s", HUB);
        assertTrue(m.matches("https://hub.example/.well-known/mercure/subscriptions/exact/a/b"));
        assertTrue(m.matches("/.well-known/mercure/subscriptions/exact/a/b"), "topic relative to the hub");
        assertFalse(m.matches("https://hub.example/.well-known/mercure/subscriptions/exact/a"));
        assertFalse(m.matches("https://other.example/.well-known/mercure/subscriptions/exact/a/b"));
        assertEquals(MatchType.URLPATTERN, m.type());
        assertEquals("/.well-known/mercure/subscriptions/:t/:m/:s", m.selector());
    }

    @Test
    void hostsAreCaseInsensitive() {
        TopicMatcher m = TopicMatchers.urlPattern("https://Example.COM/books/:id", HUB);
        assertTrue(m.matches("https://example.com/books/1"));
        assertTrue(m.matches("https://EXAMPLE.com/books/1"));
    }

    @Test
    void pathsAreCaseSensitive() {
        TopicMatcher m = TopicMatchers.urlPattern("https://example.com/books/:id", HUB);
        assertFalse(m.matches("https://example.com/Books/1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[::1", "https://", "http://exa mple.com/", "https://example.com:99999/"})
    void unparsableTopicNeverMatches(String topic) {
        TopicMatcher m = TopicMatchers.urlPattern("*://*/*", HUB);
        assertFalse(m.matches(topic));
    }

    @Test
    void nullTopicNeverMatches() {
        assertFalse(TopicMatchers.urlPattern("/books/:id", HUB).matches(null));
    }

    @Test
    void opaqueTopicsCanBeMatched() {
        TopicMatcher any = TopicMatchers.urlPattern("urn:*", null);
        assertTrue(any.matches("urn:isbn:123"));
        TopicMatcher isbn = TopicMatchers.urlPattern("urn\\:isbn\\::n", null); // ":isbn" alone is a named group
        assertTrue(isbn.matches("urn:isbn:123"));
        assertFalse(isbn.matches("urn:issn:123"));
    }

    @Test
    void relativePathnamesInAbsolutePatternsResolveAgainstTheHubUrl() {
        // standard behaviour: a pathname that does not start with "/" is relative to the base URL's
        // directory, even after a protocol ("urn:*" with the hub base means pathname "/.well-known/*")
        TopicMatcher m = TopicMatchers.urlPattern("urn:*", HUB);
        assertFalse(m.matches("urn:isbn:123"));
    }

    @Test
    void malformedPatternsAreRejected() {
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern("https://x/(", HUB));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern("/:id/:id", HUB));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern("/books/:id", null),
                "a relative pattern needs the hub base URL");
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern("/(?=a)", HUB),
                "lookahead is not available in RE2");
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern("/((?:a)\\1)", HUB),
                "backreferences are not available in RE2");
    }

    @Test
    void overlongPatternsAreRejected() {
        String longPattern = "/" + "a".repeat(UrlPatternMatcher.MAX_PATTERN_LENGTH);
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.urlPattern(longPattern, HUB));
        TopicMatchers.urlPattern("/" + "a".repeat(UrlPatternMatcher.MAX_PATTERN_LENGTH - 1), HUB);
    }

    @Test
    void wildcardSelectorStaysTheWildcardMatcher() {
        assertEquals(MatchType.WILDCARD, TopicMatchers.urlPattern("*", HUB).type());
    }

    @Test
    void draft08FactoryBuildsUrlPatterns() {
        TopicMatcher m = TopicMatchers.draft08("urlpattern", "https://example.com/books/{:id}?", HUB);
        assertTrue(m.matches("https://example.com/books/"));
        assertTrue(m.matches("https://example.com/books/12"));
    }
}
