package io.github.mercurejakarta;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Publishes CDI events as Mercure updates: the Jakarta counterpart of flask-mercure-sse's
 * {@code publish_signal}. The event, serialised with JSON-B (the application's {@code Jsonb} bean, else
 * one built from its {@code JsonbConfig} bean, else a default one), is the update's data. Use it when a
 * domain event already exists and every such event should reach browsers; call {@link Mercure#publish}
 * for one-off updates.
 *
 * <p>On an event class, every event of that type is published:
 *
 * <pre>{@code
 * @MercureTopic("https://example.com/books/{id}")
 * public record BookChanged(long id, String title) {}
 *
 * @Inject Event<BookChanged> changes;
 * changes.fire(new BookChanged(42, "Dune"));      // topic https://example.com/books/42
 * }</pre>
 *
 * As a qualifier at the firing point, the events fired through that {@code Event} are published:
 *
 * <pre>{@code
 * @Inject @MercureTopic(value = "https://example.com/books/{id}", privateUpdate = true, afterCommit = true)
 * Event<Book> books;
 * books.fire(book);                                // published once the transaction commits
 * events.select(MercureTopic.Literal.of("chat")).fire(message);   // chosen at run time
 * }</pre>
 *
 * <p>{@code fire()} publishes synchronously (a hub failure is thrown to the caller), {@code fireAsync()}
 * on the container's executor (a failure fails the returned stage). When an event both has an
 * annotated class and is fired with the qualifier, the qualifier wins (one update).
 *
 * <p>Configuration overrides the annotation, per event class ({@code Class.getName()}, so
 * {@code com.acme.Events$BookChanged} for a nested one):
 * {@code mercure.topic.<class>.topic}, {@code .type}, {@code .private}, {@code .retry},
 * {@code .after.commit}, e.g. {@code mercure.topic.com.acme.BookChanged.topic=https://books.example/{id}}.
 *
 * <p>Problems are found at deployment and fail it with a message naming the class: a placeholder naming
 * a property the event type lacks, an unknown {@code ${config.key}}, a type JSON-B cannot serialise (not
 * public), a bad override.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface MercureTopic {

    /**
     * The topic, a template: {@code {property}} is replaced by the event's record component or getter of
     * that name, percent-encoded like an RFC 6570 {@code {var}} (so {@code a/b} stays one path segment);
     * {@code {+property}} inserts it with reserved characters kept (RFC 6570 {@code {+var}});
     * {@code ${config.key}} is replaced at deployment by that MicroProfile Config value.
     *
     * <pre>{@code @MercureTopic("${app.base.url}/books/{id}")}</pre>
     *
     * @return the topic template
     */
    @Nonbinding
    String value();

    /**
     * The SSE event name ({@code event:}); empty for none (then {@code mercure.type.is.topic} may use the
     * topic). {@code mercure} is reserved.
     *
     * <pre>{@code @MercureTopic(value = "books", type = "book-changed")}</pre>
     *
     * @return the event name, or empty for none
     */
    @Nonbinding
    String type() default "";

    /**
     * Publishes a private update: only subscribers whose token grants one of its topics receive it.
     *
     * <pre>{@code @MercureTopic(value = "users/{userId}/orders", privateUpdate = true)}</pre>
     *
     * @return true for a private update
     */
    @Nonbinding
    boolean privateUpdate() default false;

    /**
     * The SSE {@code retry} in milliseconds; negative (the default) for none.
     *
     * <pre>{@code @MercureTopic(value = "books", retry = 5000)}</pre>
     *
     * @return milliseconds, or negative for none
     */
    @Nonbinding
    long retry() default -1;

    /**
     * Publishes only once the current transaction has committed ({@code TransactionPhase.AFTER_SUCCESS}),
     * so a rolled-back change is never pushed; without a transaction, at once. Applies to {@code fire()}:
     * {@code fireAsync()} runs outside the transaction, so an afterCommit event fired asynchronously
     * fails its stage instead of being published unguarded. A hub failure after commit is logged (the
     * caller has returned by then).
     *
     * <pre>{@code @MercureTopic(value = "books/{id}", afterCommit = true)}</pre>
     *
     * @return true to publish after the transaction commits
     */
    @Nonbinding
    boolean afterCommit() default false;

    /**
     * The annotation as a value, for {@code Event.select(...)} at run time.
     *
     * <pre>{@code events.select(MercureTopic.Literal.of("chat/{room}")).fire(message);}</pre>
     */
    final class Literal extends AnnotationLiteral<MercureTopic> implements MercureTopic {
        private static final long serialVersionUID = 1L;

        /** The topic template, {@link #value()}. */
        private final String value;
        /** The event name, {@link #type()}. */
        private final String type;
        /** {@link #privateUpdate()}. */
        private final boolean privateUpdate;
        /** {@link #retry()}. */
        private final long retry;
        /** {@link #afterCommit()}. */
        private final boolean afterCommit;

        private Literal(String value, String type, boolean privateUpdate, long retry, boolean afterCommit) {
            this.value = Objects.requireNonNull(value, "value");
            this.type = Objects.requireNonNull(type, "type");
            this.privateUpdate = privateUpdate;
            this.retry = retry;
            this.afterCommit = afterCommit;
        }

        /**
         * A public update on {@code topic} (a template), published at once.
         *
         * <pre>{@code events.select(MercureTopic.Literal.of("https://example.com/rooms/{room}")).fire(message);}</pre>
         *
         * @param topic the topic template, as {@link MercureTopic#value()}
         * @return the annotation
         */
        public static Literal of(String topic) {
            return new Literal(topic, "", false, -1, false);
        }

        /**
         * Every member given, with the meanings and defaults of the annotation's members.
         *
         * <pre>{@code MercureTopic.Literal.of("users/{userId}/orders", "order-changed", true, -1, true)}</pre>
         *
         * @param topic         the topic template ({@link MercureTopic#value()})
         * @param type          the event name, empty for none ({@link MercureTopic#type()})
         * @param privateUpdate whether the update is private ({@link MercureTopic#privateUpdate()})
         * @param retry         the SSE retry in ms, negative for none ({@link MercureTopic#retry()})
         * @param afterCommit   publish after the commit ({@link MercureTopic#afterCommit()})
         * @return the annotation
         */
        public static Literal of(String topic, String type, boolean privateUpdate, long retry, boolean afterCommit) {
            return new Literal(topic, type, privateUpdate, retry, afterCommit);
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public boolean privateUpdate() {
            return privateUpdate;
        }

        @Override
        public long retry() {
            return retry;
        }

        @Override
        public boolean afterCommit() {
            return afterCommit;
        }
    }
}
