package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.MercureTopic;
import io.github.mercurejakarta.Update;

import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code @MercureTopic} means for one event class once configuration has had its say: the
 * annotation's members, each overridable by {@code mercure.topic.<Class.getName()>.<member>}
 * ({@code topic}, {@code type}, {@code private}, {@code retry}, {@code after.commit}), in the manner of
 * MicroProfile Fault Tolerance's {@code <class>/<annotation>/<member>} keys.
 *
 * @param eventClass   the class of the events published with these settings
 * @param template     the compiled topic
 * @param type         the SSE event name, or null
 * @param privateUpdate private update
 * @param retry        SSE retry in ms, or null
 * @param afterCommit  publish only after the transaction commits
 */
record TopicSettings(Class<?> eventClass, TopicTemplate template, String type, boolean privateUpdate, Long retry,
                     boolean afterCommit) {

    /** The prefix of the override keys. */
    static final String KEY_PREFIX = "mercure.topic.";

    /** A {@code @MercureTopic} cannot work for its class; the message names the class and the cause. */
    static final class InvalidTopicException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidTopicException(String message) {
            super(message);
        }
    }

    /**
     * @param where  where the annotation is, for messages (e.g. {@code "class com.acme.BookChanged"} or
     *               {@code "injection point com.acme.Shop.books"})
     * @throws InvalidTopicException naming {@code where} and the class
     */
    static TopicSettings resolve(Class<?> eventClass, MercureTopic annotation, String where,
            Function<String, Optional<String>> config) {
        String prefix = KEY_PREFIX + eventClass.getName() + ".";
        try {
            checkSerialisable(eventClass);
            String topic = config.apply(prefix + "topic").orElse(annotation.value());
            TopicTemplate template = TopicTemplate.compile(topic, eventClass, config);
            String type = config.apply(prefix + "type").orElse(annotation.type());
            boolean privateUpdate = bool(config, prefix + "private", annotation.privateUpdate());
            long retry = config.apply(prefix + "retry").map(v -> number(prefix + "retry", v)).orElse(annotation.retry());
            boolean afterCommit = bool(config, prefix + "after.commit", annotation.afterCommit());
            if ("mercure".equals(type)) {
                throw new InvalidTopicException("the type 'mercure' is reserved by the protocol");
            }
            return new TopicSettings(eventClass, template, type.isEmpty() ? null : type, privateUpdate,
                    retry < 0 ? null : retry, afterCommit);
        } catch (IllegalArgumentException e) {
            throw new InvalidTopicException("@MercureTopic on " + where + " cannot publish " + eventClass.getName()
                    + ": " + e.getMessage());
        }
    }

    /** @return the update for {@code event}, its data being {@code data} */
    Update update(Object event, String data) {
        Update.Builder b = Update.builder().topic(template.expand(event)).data(data).privateUpdate(privateUpdate);
        if (type != null) {
            b.type(type);
        }
        if (retry != null) {
            b.retry(retry);
        }
        return b.build();
    }

    /**
     * JSON-B (Yasson at least) reads properties through reflection from outside the class's package: a
     * class that is not public, or nested in one that is not, fails at the first event. Found here
     * instead.
     */
    private static void checkSerialisable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                throw new InvalidTopicException("JSON-B cannot serialise it: "
                        + (c == type ? "the class" : "its enclosing class " + c.getName()) + " is not public");
            }
            if (c.isAnonymousClass() || c.isLocalClass()) {
                throw new InvalidTopicException("JSON-B cannot serialise it: local and anonymous classes have no public name");
            }
        }
        if (type.isInterface() || type.isPrimitive() || type.isArray()) {
            throw new InvalidTopicException("an event class is needed, not " + type);
        }
    }

    private static boolean bool(Function<String, Optional<String>> config, String key, boolean fallback) {
        Optional<String> v = config.apply(key).map(String::trim);
        if (v.isEmpty()) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(v.get()) || "false".equalsIgnoreCase(v.get())) {
            return Boolean.parseBoolean(v.get());
        }
        throw new InvalidTopicException(key + ": expected true or false, got '" + v.get() + "'");
    }

    private static long number(String key, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new InvalidTopicException(key + ": expected milliseconds >= 0, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidTopicException(key + ": expected milliseconds, got '" + value + "'");
        }
    }
}
