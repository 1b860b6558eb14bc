package io.github.mercurejakarta.match;

/**
 * A compiled topic selector: decides whether an update's topic is selected.
 *
 * <p>Implementations are immutable, thread-safe and run in time linear in the length of the topic
 * (no backtracking on user input: Mercure spec draft-08 §"Topic matchers", item 41 of our checklist).
 *
 * <pre>{@code
 * TopicMatcher m = TopicMatchers.draft07("https://example.com/books/{id}");
 * m.matches("https://example.com/books/1"); // true
 * }</pre>
 */
public interface TopicMatcher {

    /** @return true when {@code topic} is selected by this matcher; never throws for any input. */
    boolean matches(String topic);

    /** @return the selector as the client or the token gave it (for subscription documents and caches). */
    String selector();

    /** @return the kind of selector. */
    MatchType type();

    /**
     * @return the one topic this matcher selects when it selects exactly one (an exact selector, or a
     * draft-07 selector that is not a template), else null. The hub indexes such matchers by topic.
     */
    default String exactTopic() {
        return null;
    }
}
