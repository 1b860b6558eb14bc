package io.github.mercurejakarta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One Mercure update: the new version of a resource, pushed to every subscriber of one of its topics.
 *
 * <p>Immutable, with value semantics ({@link #equals} compares every field), so tests can compare updates.
 * The first topic is the canonical one; the others are alternates (a subscriber matching any of them
 * receives the update once). Building checks only the shape (a topic, no negative retry); the protocol's
 * rules (reserved topics and type, the form of an id, ...) are checked when the update is published
 * ({@link io.github.mercurejakarta.exceptions.UpdateRejectedException}).
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

    /**
     * A public update of {@code data} on one topic, with no id (the hub makes one), type or retry.
     *
     * <pre>{@code Update.of("https://example.com/books/1", "{\"title\":\"Dune\"}")}</pre>
     *
     * @param topic the topic
     * @param data  the data; null for none
     * @return the update
     * @throws NullPointerException when {@code topic} is null
     */
    public static Update of(String topic, String data) {
        return builder().topic(topic).data(data).build();
    }

    /**
     * A builder for an update with more than a topic and data: alternate topics, private, id, type, retry.
     *
     * <pre>{@code Update.builder().topic("https://example.com/users/42").data(json).privateUpdate(true).build()}</pre>
     *
     * @return a builder; {@code topic(...)} at least once, everything else optional.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this update's fields, to make a changed copy (topics added to it are appended).
     *
     * <pre>{@code Update retried = update.toBuilder().id("urn:uuid:" + UUID.randomUUID()).build();}</pre>
     *
     * @return a builder initialised with this update's fields.
     */
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

    /**
     * All topics: {@code update.topics().contains("https://example.com/users/42/books")}.
     *
     * @return the topics, canonical first; never empty, unmodifiable.
     */
    public List<String> topics() {
        return topics;
    }

    /**
     * The canonical topic (the first one): {@code update.topic()}.
     *
     * @return the canonical topic.
     */
    public String topic() {
        return topics.get(0);
    }

    /**
     * The data, sent as the SSE {@code data}: {@code assertEquals("{}", update.data())}.
     *
     * @return the data, {@code ""} when none was given (an event is still dispatched).
     */
    public String data() {
        return data;
    }

    /**
     * Whether the update is private: {@code assertTrue(recorder.last().orElseThrow().isPrivate())}.
     *
     * @return true when only subscribers whose token grants one of its topics may receive it.
     */
    public boolean isPrivate() {
        return privateUpdate;
    }

    /**
     * The id given when building, or null: {@code Update.of(t, d).id() == null}. The id the hub gave is
     * what {@link Mercure#publish(Update)} returns.
     *
     * @return the id, or null to let the hub generate one.
     */
    public String id() {
        return id;
    }

    /**
     * The SSE event name: {@code es.addEventListener(update.type(), ...)} in the browser.
     *
     * @return the SSE event name, or null for the default {@code message} event.
     */
    public String type() {
        return type;
    }

    /**
     * The reconnection delay subscribers are told to use: {@code update.retry() == 5000L}.
     *
     * @return the SSE {@code retry} in milliseconds, or null.
     */
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
     *
     * @param o the object to compare with
     * @return true when {@code o} is an update with the same fields
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Update u && privateUpdate == u.privateUpdate && topics.equals(u.topics)
                && data.equals(u.data) && Objects.equals(id, u.id) && Objects.equals(type, u.type)
                && Objects.equals(retry, u.retry);
    }

    /**
     * Consistent with {@link #equals}, so sets and map keys work: {@code Set.of(update).contains(copy)}.
     *
     * @return the hash of every field
     */
    @Override
    public int hashCode() {
        return Objects.hash(topics, data, privateUpdate, id, type, retry);
    }

    /**
     * Every field, the data quoted (abbreviated beyond {@value #SHOWN_DATA} characters, with its length):
     * {@code Update{topics=[https://example.com/books/1], private=false, id=null, type=null, retry=null, data="{}"}}.
     *
     * @return the update in words, for logs and assertion messages
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

    /**
     * Builds {@link Update}s: at least one {@link #topic}, everything else optional. Not thread-safe.
     *
     * <pre>{@code
     * Update.builder().topic("https://example.com/books/1").data(json).type("book-updated").build();
     * }</pre>
     */
    public static final class Builder {
        private final List<String> topics = new ArrayList<>();
        private String data;
        private boolean privateUpdate;
        private String id;
        private String type;
        private Long retry;

        private Builder() {
        }

        /**
         * Adds a topic: the first one added is canonical, the next ones alternates.
         *
         * <pre>{@code builder.topic("https://example.com/books/1").topic("https://example.com/users/42/books")}</pre>
         *
         * @param topic the topic
         * @return this builder
         * @throws NullPointerException when {@code topic} is null
         */
        public Builder topic(String topic) {
            topics.add(Objects.requireNonNull(topic, "topic"));
            return this;
        }

        /**
         * Adds several topics in order, as {@link #topic} one after the other.
         *
         * <pre>{@code builder.topics("https://example.com/books/1", "https://example.com/books")}</pre>
         *
         * @param topics the topics
         * @return this builder
         */
        public Builder topics(String... topics) {
            for (String t : topics) {
                topic(t);
            }
            return this;
        }

        /**
         * Adds several topics in iteration order, as {@link #topic} one after the other.
         *
         * <pre>{@code builder.topics(book.authors().stream().map(a -> a.uri() + "/books").toList())}</pre>
         *
         * @param topics the topics
         * @return this builder
         */
        public Builder topics(Iterable<String> topics) {
            for (String t : topics) {
                topic(t);
            }
            return this;
        }

        /**
         * The payload, sent as the SSE {@code data} (one {@code data:} line per line).
         *
         * <pre>{@code builder.data("{\"title\":\"Dune\"}")}</pre>
         *
         * @param data the payload; null for none ({@code ""})
         * @return this builder
         */
        public Builder data(String data) {
            this.data = data;
            return this;
        }

        /**
         * Marks the update private: only subscribers whose token grants one of its topics get it.
         *
         * <pre>{@code builder.topic("https://example.com/users/alice/inbox").privateUpdate(true)}</pre>
         *
         * @param privateUpdate true for private, false (the default) for public
         * @return this builder
         */
        public Builder privateUpdate(boolean privateUpdate) {
            this.privateUpdate = privateUpdate;
            return this;
        }

        /**
         * A custom id, e.g. so that a retried publication carries the same id (clients can drop the
         * duplicate); null (the default) lets the hub choose a {@code urn:uuid:}. Publishing refuses an
         * empty id, one starting with {@code #} and {@code earliest}.
         *
         * <pre>{@code builder.id("urn:uuid:" + outboxEntry.uuid())}</pre>
         *
         * @param id the id, or null
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The SSE event name, for browsers that listen per type; null (the default) for {@code message}.
         * Publishing refuses {@code mercure} (reserved) and an empty name.
         *
         * <pre>{@code builder.type("book-updated")   // es.addEventListener("book-updated", ...)}</pre>
         *
         * @param type the event name, or null
         * @return this builder
         */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /**
         * The reconnection delay the subscriber should use, in milliseconds (SSE {@code retry}); null (the
         * default) for none.
         *
         * <pre>{@code builder.retry(5000L)}</pre>
         *
         * @param retry milliseconds, 0 or more, or null
         * @return this builder
         */
        public Builder retry(Long retry) {
            this.retry = retry;
            return this;
        }

        /**
         * The update: {@code Update u = builder.build();} The builder can go on and build others.
         *
         * @return the update
         * @throws IllegalArgumentException when no topic was added or {@code retry} is negative
         */
        public Update build() {
            return new Update(this);
        }
    }
}
