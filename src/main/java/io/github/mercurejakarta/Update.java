package io.github.mercurejakarta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One Mercure update: the new version of a resource, pushed to every subscriber of one of its topics.
 *
 * <p>Immutable. The first topic is the canonical one; the others are alternates (a subscriber matching
 * any of them receives the update once).
 *
 * <pre>{@code
 * mercure.publish(Update.of("https://example.com/books/1", "{\"title\":\"Dune\"}"));
 * mercure.publish(Update.builder()
 *         .topic("https://example.com/books/1")
 *         .topic("https://example.com/users/42/books")     // alternate topic
 *         .data("{\"title\":\"Dune\"}")
 *         .privateUpdate(true)                              // only for subscribers whose token grants a topic
 *         .type("book-updated")                             // SSE event name
 *         .retry(5000L)                                     // reconnection delay advice, in ms
 *         .build());
 * }</pre>
 */
public final class Update {

    private final List<String> topics;
    private final String data;
    private final boolean privateUpdate;
    private final String id;
    private final String type;
    private final Long retry;

    private Update(Builder b) {
        if (b.topics.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one topic");
        }
        for (String t : b.topics) {
            Objects.requireNonNull(t, "topic");
        }
        if (b.retry != null && b.retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0, got " + b.retry);
        }
        this.topics = Collections.unmodifiableList(new ArrayList<>(b.topics));
        this.data = b.data == null ? "" : b.data;
        this.privateUpdate = b.privateUpdate;
        this.id = b.id;
        this.type = b.type;
        this.retry = b.retry;
    }

    /** A public update of {@code data} on one topic. */
    public static Update of(String topic, String data) {
        return builder().topic(topic).data(data).build();
    }

    /** @return a builder; {@code topic(...)} at least once, everything else optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with this update's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.topics.addAll(topics);
        b.data = data;
        b.privateUpdate = privateUpdate;
        b.id = id;
        b.type = type;
        b.retry = retry;
        return b;
    }

    /** @return the topics, canonical first; never empty. */
    public List<String> topics() {
        return topics;
    }

    /** @return the canonical topic. */
    public String topic() {
        return topics.get(0);
    }

    /** @return the data, {@code ""} when none was given (an event is still dispatched). */
    public String data() {
        return data;
    }

    /** @return true when only authorised subscribers may receive it. */
    public boolean isPrivate() {
        return privateUpdate;
    }

    /** @return the id, or null to let the hub generate one. */
    public String id() {
        return id;
    }

    /** @return the SSE event name, or null for the default {@code message} event. */
    public String type() {
        return type;
    }

    /** @return the SSE {@code retry} in milliseconds, or null. */
    public Long retry() {
        return retry;
    }

    /**
     * Two updates are equal when every field is: topics (in order), data, private, id, type and retry.
     *
     * <pre>{@code
     * Update.of("https://example.com/books/1", "{}").equals(Update.of("https://example.com/books/1", "{}"))   // true
     * assertEquals(expected, recorder.last().orElseThrow().toBuilder().id(null).build());              // in tests
     * }</pre>
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Update u && privateUpdate == u.privateUpdate && topics.equals(u.topics)
                && data.equals(u.data) && Objects.equals(id, u.id) && Objects.equals(type, u.type)
                && Objects.equals(retry, u.retry);
    }

    /** Consistent with {@link #equals}, so sets and map keys work: {@code Set.of(update).contains(copy)}. */
    @Override
    public int hashCode() {
        return Objects.hash(topics, data, privateUpdate, id, type, retry);
    }

    /**
     * Every field, the data quoted (abbreviated beyond {@value #SHOWN_DATA} characters, with its length):
     * {@code Update{topics=[https://example.com/books/1], private=false, id=null, type=null, retry=null, data="{}"}}.
     */
    @Override
    public String toString() {
        String shown = data.length() <= SHOWN_DATA ? '"' + data + '"'
                : '"' + data.substring(0, SHOWN_DATA) + "\"… (" + data.length() + " chars)";
        return "Update{topics=" + topics + ", private=" + privateUpdate + ", id=" + id + ", type=" + type
                + ", retry=" + retry + ", data=" + shown + "}";
    }

    /** Characters of the data {@link #toString()} shows: enough to recognise it, not a whole document in a log. */
    private static final int SHOWN_DATA = 200;

    /** Builds {@link Update}s. Not thread-safe. */
    public static final class Builder {
        private final List<String> topics = new ArrayList<>();
        private String data;
        private boolean privateUpdate;
        private String id;
        private String type;
        private Long retry;

        private Builder() {
        }

        /** Adds a topic: the first one added is canonical, the next ones alternates. */
        public Builder topic(String topic) {
            topics.add(Objects.requireNonNull(topic, "topic"));
            return this;
        }

        /** Adds several topics in order. */
        public Builder topics(String... topics) {
            for (String t : topics) {
                topic(t);
            }
            return this;
        }

        /** Adds several topics in order. */
        public Builder topics(Iterable<String> topics) {
            for (String t : topics) {
                topic(t);
            }
            return this;
        }

        /** The payload, sent as the SSE {@code data} (one {@code data:} line per line). */
        public Builder data(String data) {
            this.data = data;
            return this;
        }

        /** Marks the update private: only subscribers whose token grants one of its topics get it. */
        public Builder privateUpdate(boolean privateUpdate) {
            this.privateUpdate = privateUpdate;
            return this;
        }

        /** A custom id (must not start with {@code #} nor be {@code earliest}); null lets the hub choose. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The SSE event name ({@code mercure} is reserved). */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** The reconnection delay the subscriber should use, in milliseconds. */
        public Builder retry(Long retry) {
            this.retry = retry;
            return this;
        }

        public Update build() {
            return new Update(this);
        }
    }
}
