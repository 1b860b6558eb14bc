package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.match.MatchType;
import io.github.mercurejakarta.match.TopicMatcher;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds the subscribers an update goes to without testing every subscriber: exact selectors are a
 * hash lookup per topic, {@code *} is one set, and template/pattern selectors are grouped by selector
 * so that each distinct selector is evaluated once per topic (and the answer cached), however many
 * subscribers share it.
 *
 * <p>Matchers that select exactly one topic ({@link TopicMatcher#exactTopic()}) are indexed by it.
 * Registration is concurrent; {@link #forEachMatch} is called by one thread at a time (the
 * transport's delivery order) and delivers each subscriber at most once per update.
 *
 * <p>Each set of subscribers is iterated as an array snapshot, rebuilt by the fan-out after a subscribe or an
 * unsubscribe changed the set: a publish walks an array instead of a {@code ConcurrentHashMap}'s table
 * (its traverser was the largest part of the fan-out's CPU samples, bench/RESULTS.md, issue 22), and a
 * subscribe stays O(1) however many subscribers share its topic.
 */
final class SubscriberIndex {

    /** Cached answers per pattern selector; the cache is cleared when it grows past this. */
    private static final int PATTERN_CACHE_SIZE = 10_000;

    private final Map<String, Members> exact = new ConcurrentHashMap<>();
    private final Members wildcard = new Members();
    private final Map<String, PatternGroup> patterns = new ConcurrentHashMap<>();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();

    /** A concurrent set of subscribers and the array the fan-out iterates, taken again after each change. */
    static final class Members {
        private static final Subscriber[] NONE = new Subscriber[0];

        private final Set<Subscriber> set = ConcurrentHashMap.newKeySet();
        /**
         * Set after every change, cleared by the fan-out before it copies the set: a change that the copy
         * missed set it again afterwards, so the next fan-out copies again.
         */
        private volatile boolean changed;
        /** A copy of {@link #set}, or null when a remove dropped it. */
        private volatile Subscriber[] snapshot = NONE;

        void add(Subscriber s) {
            set.add(s);
            changed = true;
        }

        void remove(Subscriber s) {
            set.remove(s);
            changed = true;
            // the old copy would keep a closed stream's objects reachable until the topic's next publish; null,
            // not an empty array: a fan-out that read it without seeing changed would deliver to nobody
            snapshot = null;
        }

        boolean isEmpty() {
            return set.isEmpty();
        }

        /**
         * The members as of the last change that completed before this call (fan-out thread). Like the
         * set's own iterator, it may still hold one that has just left: offering to a closed subscriber is
         * refused by the subscriber.
         */
        Subscriber[] snapshot() {
            // only ever a full copy of the set is used: null (dropped by a remove) means copy now
            Subscriber[] members = snapshot;
            if (members == null || changed) {
                changed = false;
                members = set.toArray(NONE);
                snapshot = members;
            }
            return members;
        }
    }

    private static final class PatternGroup {
        final TopicMatcher matcher;
        final Members subscribers = new Members();
        final Map<String, Boolean> answers = new ConcurrentHashMap<>();

        PatternGroup(TopicMatcher matcher) {
            this.matcher = matcher;
        }

        boolean matches(String topic) {
            Boolean a = answers.get(topic);
            if (a == null) {
                a = matcher.matches(topic);
                if (answers.size() >= PATTERN_CACHE_SIZE) {
                    answers.clear();
                }
                answers.put(topic, a);
            }
            return a;
        }
    }

    private static String key(TopicMatcher m) {
        return m.type().name() + ' ' + m.selector();
    }

    void add(Subscriber s) {
        all.add(s);
        for (TopicMatcher m : s.request().selectors()) {
            if (m.type() == MatchType.WILDCARD) {
                wildcard.add(s);
            } else if (m.exactTopic() != null) {
                exact.computeIfAbsent(m.exactTopic(), k -> new Members()).add(s);
            } else {
                patterns.computeIfAbsent(key(m), k -> new PatternGroup(m)).subscribers.add(s);
            }
        }
    }

    void remove(Subscriber s) {
        all.remove(s);
        for (TopicMatcher m : s.request().selectors()) {
            if (m.type() == MatchType.WILDCARD) {
                wildcard.remove(s);
            } else if (m.exactTopic() != null) {
                exact.computeIfPresent(m.exactTopic(), (k, set) -> {
                    set.remove(s);
                    return set.isEmpty() ? null : set;
                });
            } else {
                patterns.computeIfPresent(key(m), (k, g) -> {
                    g.subscribers.remove(s);
                    return g.subscribers.isEmpty() ? null : g;
                });
            }
        }
    }

    /** Calls {@code action} once for every subscriber with a selector matching one of the topics. */
    void forEachMatch(EncodedUpdate u, Consumer<Subscriber> action) {
        long pos = u.position();
        List<String> topics = u.update().topics();
        for (Subscriber s : wildcard.snapshot()) {
            once(s, pos, action);
        }
        for (int i = 0, n = topics.size(); i < n; i++) {
            Members set = exact.get(topics.get(i));
            if (set != null) {
                for (Subscriber s : set.snapshot()) {
                    once(s, pos, action);
                }
            }
        }
        if (patterns.isEmpty()) {
            return;
        }
        for (PatternGroup g : patterns.values()) {
            for (String t : topics) {
                if (g.matches(t)) {
                    for (Subscriber s : g.subscribers.snapshot()) {
                        once(s, pos, action);
                    }
                    break;
                }
            }
        }
    }

    private static void once(Subscriber s, long position, Consumer<Subscriber> action) {
        if (s.lastOfferedPosition != position) {
            s.lastOfferedPosition = position;
            action.accept(s);
        }
    }

    Set<Subscriber> all() {
        return all;
    }

    int size() {
        return all.size();
    }
}
