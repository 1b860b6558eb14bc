package io.github.mercurejakarta.auth;

import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified token allows: the topics it may publish to and subscribe to, and the payload
 * to attach to its subscriptions. Immutable and thread-safe.
 *
 * <pre>{@code
 * Grants grants = token == null ? Grants.NONE : verifier.verify(token, ctx);
 * if (!grants.mayPublishAll(update.topics())) return forbidden();           // draft-08 item 69
 * boolean deliver = !update.isPrivate() || grants.maySubscribeToAny(update.topics());
 * grants.payloadFor(subscription.selector()).map(Grants::toJson).ifPresent(doc::payload);
 * }</pre>
 *
 * <p>Routing matchers never widen access: these checks run against the update's topics, never
 * against what the subscriber asked for.
 */
public final class Grants {

    /** No token: the anonymous subscriber, who only receives public updates. */
    public static final Grants NONE = new Grants(null, null, null, List.of(), null, false);

    private final Dialect dialect;
    private final Instant expiresAt;
    private final String subject;
    private final List<Grant> grants;
    private final Object tokenPayload;
    private final boolean hasTokenPayload;

    private Grants(Dialect dialect, Instant expiresAt, String subject, List<Grant> grants, Object tokenPayload,
            boolean hasTokenPayload) {
        this.dialect = dialect;
        this.expiresAt = expiresAt;
        this.subject = subject;
        this.grants = List.copyOf(grants);
        this.tokenPayload = tokenPayload;
        this.hasTokenPayload = hasTokenPayload;
    }

    /** Draft-08: one entry per Mercure authorization detail, in token order. */
    static Grants draft08(Instant expiresAt, String subject, List<Grant> details) {
        return new Grants(Dialect.DRAFT_08, Objects.requireNonNull(expiresAt), subject, details, null, false);
    }

    /** Draft-07: the {@code mercure} claim's lists, and its payload for every subscription. */
    static Grants draft07(Instant expiresAt, String subject, List<Grant> grants, Object payload) {
        return new Grants(Dialect.DRAFT_07, expiresAt, subject, grants, payload, true);
    }

    /**
     * @return the rules the token was verified under ({@code at+jwt} tokens are draft-08, all
     *     others draft-07); empty for {@link #NONE}
     */
    public Optional<Dialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /** @return the token's {@code exp}: the hub must close the stream by then. Optional in draft-07. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** @return the token's {@code sub} claim, if any. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return true when some publish grant matches {@code topic}. */
    public boolean mayPublish(String topic) {
        if (topic == null) {
            return false;
        }
        for (Grant grant : grants) {
            if (grant.publish() && grant.covers(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when every topic (canonical and alternates) may be published to, as both
     *     dialects require; false for an empty collection
     */
    public boolean mayPublishAll(Collection<String> topics) {
        if (topics.isEmpty()) {
            return false;
        }
        for (String topic : topics) {
            if (!mayPublish(topic)) {
                return false;
            }
        }
        return true;
    }

    /** @return true when some subscribe grant matches {@code topic}. */
    public boolean maySubscribe(String topic) {
        if (topic == null) {
            return false;
        }
        for (Grant grant : grants) {
            if (grant.subscribe() && grant.covers(topic)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when a private update with these topics may be delivered: one match suffices. */
    public boolean maySubscribeToAny(Collection<String> topics) {
        for (String topic : topics) {
            if (maySubscribe(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The payload to show in the subscription events and API documents of one subscription.
     *
     * <p>Draft-08: the {@code payload} of the <em>first</em> subscribe detail one of whose topics
     * matches {@code selector} treated as a topic, so a {@code *} detail acts as the default when
     * it comes last; when that first detail has no payload, there is none. Draft-07: the token-wide
     * {@code mercure.payload}, whatever the selector.
     *
     * @param selector the subscription's own selector ({@code match} value or draft-07 {@code topic})
     * @return a plain Java JSON value ({@code Map}, {@code List}, {@code String}, {@code Long},
     *     {@code Double}, {@code Boolean}); empty when there is none or it is JSON {@code null}
     */
    public Optional<Object> payloadFor(String selector) {
        if (hasTokenPayload) {
            return Optional.ofNullable(tokenPayload);
        }
        for (Grant grant : grants) {
            if (grant.subscribe() && grant.covers(selector)) {
                return Optional.ofNullable(grant.payload());
            }
        }
        return Optional.empty();
    }

    /** @return the matchers of every publish grant, in token order. */
    public List<TopicMatcher> publishMatchers() {
        List<TopicMatcher> matchers = new ArrayList<>();
        for (Grant grant : grants) {
            if (grant.publish()) {
                matchers.addAll(grant.topics());
            }
        }
        return Collections.unmodifiableList(matchers);
    }

    /** @return the matchers of every subscribe grant, in token order. */
    public List<TopicMatcher> subscribeMatchers() {
        List<TopicMatcher> matchers = new ArrayList<>();
        for (Grant grant : grants) {
            if (grant.subscribe()) {
                matchers.addAll(grant.topics());
            }
        }
        return Collections.unmodifiableList(matchers);
    }

    /**
     * Serializes a payload (or any plain Java JSON value) to compact JSON, so that the hub can embed
     * it in subscription documents.
     *
     * <pre>{@code Grants.toJson(Map.of("user", "alice")) // {"user":"alice"} }</pre>
     *
     * @throws IllegalArgumentException for a value that has no JSON form
     */
    public static String toJson(Object value) {
        return Json.write(value);
    }

    @Override
    public String toString() {
        // Counts only: a token may carry thousands of long selectors, and payloads may be private.
        return "Grants[" + (dialect == null ? "anonymous" : dialect) + ", " + publishMatchers().size()
                + " publish matchers, " + subscribeMatchers().size() + " subscribe matchers, exp=" + expiresAt + "]";
    }
}
