package io.github.mercurejakarta;

import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.exceptions.HubUnavailableException;
import io.github.mercurejakarta.exceptions.MercureException;
import io.github.mercurejakarta.exceptions.UpdateRejectedException;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Publishes Mercure updates: to the embedded hub in-process, or to an external hub over HTTP (when
 * {@code mercure.hub.url} names one). Inject it wherever the application changes something browsers show;
 * in the application's own tests, use {@link io.github.mercurejakarta.testing.MercureRecorder} in its place.
 *
 * <pre>{@code
 * @Inject Mercure mercure;
 *
 * String id = mercure.publish("https://example.com/books/1", "{\"title\":\"Dune\"}");
 * mercure.publish("https://example.com/books/1", book);          // serialised with JSON-B
 * mercure.publish(Update.builder().topic("chat").data("hi").privateUpdate(true).build());
 *
 * // presence (the hub's active subscriptions; the payload comes from the subscriber's token)
 * boolean online = mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));
 * }</pre>
 *
 * <p>It also gives browsers what they need to subscribe (see {@link #hubUrl(String...)},
 * {@link #subscriberToken(String...)}, {@link #authorizationCookie(String...)}); the bean is named
 * {@code mercure} for EL:
 *
 * <pre>{@code
 * <script>const es = new EventSource("#{mercure.hubUrl('https://example.com/books/1')}");</script>
 * }</pre>
 */
public interface Mercure {

    /**
     * Publishes {@code update} and returns its id (the one given, or the one the hub generated).
     *
     * <pre>{@code
     * try {
     *     String id = mercure.publish(Update.of("https://example.com/books/1", json));
     * } catch (HubUnavailableException e) {
     *     outbox.retryLater(update);
     * }
     * }</pre>
     *
     * <p>With {@code mercure.type.is.topic=true}, an update without a type is sent with its canonical topic
     * as its type.
     *
     * @param update the update to publish
     * @return the update's id
     * @throws HubUnavailableException  when the hub is down or cannot be reached: retry later
     * @throws UpdateRejectedException  when the update (or the publisher token) is refused: fix it
     * @throws ConfigurationException   when a setting is missing or wrong (including a hub URL that names no
     *     hub, or no hub at all: the embedded hub off and no {@code mercure.hub.url})
     * @throws MercureException         when the publishing thread is interrupted
     */
    String publish(Update update);

    /**
     * Publishes {@code data} on {@code topic} as a public update: {@code publish(update(topic, data))}. A
     * {@link String} is sent as is; any other object is serialised with JSON-B (the application's
     * {@code Jsonb} bean, else one built from its {@code JsonbConfig} bean, else a default one).
     *
     * <pre>{@code mercure.publish("https://example.com/books/1", new Book(1, "Dune"));   // {"id":1,"title":"Dune"}}</pre>
     *
     * @param topic the topic (canonical, the only one)
     * @param data  a {@link String}, or an object to serialise with JSON-B
     * @return the update's id
     * @throws MercureException as {@link #publish(Update)} (the same families)
     */
    default String publish(String topic, Object data) {
        return publish(update(topic, data));
    }

    /**
     * Like {@link #publish(Update)}, but the outcome is a stage: its failures (the same exceptions) fail
     * the stage instead of being thrown. With an external hub the HTTP client completes it, so no thread
     * waits for the hub; with the embedded hub the update is published in-process before this returns.
     *
     * <pre>{@code
     * mercure.publishAsync(update)
     *         .whenComplete((id, failure) -> { if (failure != null) log.warn("not published", failure); });
     * }</pre>
     *
     * @param update the update to publish
     * @return a stage completed with the update's id, or failed with a {@link MercureException}
     */
    CompletionStage<String> publishAsync(Update update);

    /**
     * Builds, without publishing it, the update {@link #publish(String, Object)} sends: a public update on
     * {@code topic} whose data is {@code data} as is (a {@link String}) or serialised with JSON-B. Use it to
     * adjust the update before publishing.
     *
     * <pre>{@code mercure.publish(mercure.update(topic, book).toBuilder().privateUpdate(true).build());}</pre>
     *
     * @param topic the topic
     * @param data  a {@link String}, or an object to serialise with JSON-B
     * @return the update
     */
    Update update(String topic, Object data);

    // ---- subscriber helpers: hub URLs, tokens and the authorization cookie for browsers ----

    /**
     * The hub URL browsers subscribe to, with the subscribe parameters of the hub's dialect
     * ({@code mercure.protocol.version}: {@code 7} or {@code 8} as set; {@code auto} is draft-08 for the
     * embedded hub, draft-07 for an external one): draft-07 {@code ?topic=}, draft-08 {@code ?match=}, values
     * percent-encoded. The tokens and the cookie name of the other helpers follow the same dialect. The URL is {@code mercure.public.hub.url}, else {@code mercure.hub.url}, else (the
     * embedded hub, or the key set to {@code true}) the current request's
     * {@code <application root>/.well-known/mercure}.
     *
     * <pre>{@code
     * mercure.hubUrl("https://example.com/books/1")
     * // http://localhost:9080/app/.well-known/mercure?match=https://example.com/books/1
     * #{mercure.hubUrl('https://example.com/books/1')}      (EL)
     * }</pre>
     *
     * @param topics topics or selectors ({@code *} for all); none gives the bare hub URL
     * @return the hub URL with one subscribe parameter per topic
     * @throws ConfigurationException outside a JAX-RS request when no hub URL is configured (set
     *     {@code mercure.public.hub.url})
     */
    default String hubUrl(String... topics) {
        return hubUrl(Arrays.asList(topics));
    }

    /**
     * {@link #hubUrl(String...)} for a collection.
     *
     * <pre>{@code mercure.hubUrl(List.of("a", "b"))   // EL: #{mercure.hubUrl(['a', 'b'])}}</pre>
     *
     * @param topics topics or selectors; empty gives the bare hub URL
     * @return the hub URL with one subscribe parameter per topic
     * @throws ConfigurationException as {@link #hubUrl(String...)}
     */
    String hubUrl(Collection<String> topics);

    /**
     * Mints a subscriber token for {@code topics}, signed with {@code mercure.subscriber.secret.key}
     * (else {@code mercure.secret.key}), valid {@code mercure.subscriber.token.ttl} seconds, carrying the
     * payload of the application's {@link SubscriberPayload} bean. Draft-07: {@code mercure.subscribe};
     * draft-08: an {@code at+jwt} whose {@code aud} is the hub URL browsers use (or {@code mercure.hub.audience}).
     *
     * <pre>{@code
     * String token = mercure.subscriberToken("https://example.com/users/alice/inbox");
     * // JavaScript: fetch(hubUrl, {headers: {Authorization: "Bearer " + token}}) and read the stream
     * }</pre>
     *
     * @param topics the topics the token grants (exact topics, {@code *} for all; draft-07 also URI templates)
     * @return the signed token (a JWT)
     * @throws IllegalArgumentException when no topic (or a null one) is given
     * @throws ConfigurationException when no key is configured
     */
    default String subscriberToken(String... topics) {
        return subscriberToken(Arrays.asList(topics), null);
    }

    /**
     * {@link #subscriberToken(String...)} for a collection.
     *
     * <pre>{@code mercure.subscriberToken(List.of("https://example.com/rooms/1", "https://example.com/rooms/2"))}</pre>
     *
     * @param topics the topics the token grants; at least one
     * @return the signed token (a JWT)
     * @throws IllegalArgumentException when no topic (or a null one) is given
     * @throws ConfigurationException when no key is configured
     */
    default String subscriberToken(Collection<String> topics) {
        return subscriberToken(topics, null);
    }

    /**
     * {@link #subscriberToken(String...)} with {@code payload} merged over the {@link SubscriberPayload}
     * bean's (its keys win).
     *
     * <pre>{@code mercure.subscriberToken(List.of("https://example.com/rooms/1"), Map.of("name", "Alice"))}</pre>
     *
     * @param topics  the topics the token grants; at least one
     * @param payload JSON values; null for none
     * @return the signed token (a JWT)
     * @throws IllegalArgumentException when no topic (or a null one) is given
     * @throws ConfigurationException when no key is configured
     */
    String subscriberToken(Collection<String> topics, Map<String, ?> payload);

    /**
     * Draft-07 only: {@link #hubUrl(String...)} with a fresh subscriber token in the {@code authorization}
     * query parameter, for clients that can send neither header nor cookie.
     *
     * <pre>{@code new EventSource("#{mercure.authenticatedHubUrl('https://example.com/users/alice')}")}</pre>
     *
     * @param topics the topics to subscribe to and to grant; at least one
     * @return the hub URL with the subscribe parameters and {@code authorization=<token>}
     * @throws IllegalStateException in draft-08: it forbids tokens in URLs (they end up in logs and
     *     histories); use {@link #authorizationCookie(String...)} instead
     * @throws IllegalArgumentException when no topic is given
     * @throws ConfigurationException as {@link #hubUrl(String...)} and {@link #subscriberToken(String...)}
     */
    default String authenticatedHubUrl(String... topics) {
        return authenticatedHubUrl(Arrays.asList(topics));
    }

    /**
     * {@link #authenticatedHubUrl(String...)} for a collection.
     *
     * <pre>{@code mercure.authenticatedHubUrl(List.of("https://example.com/users/alice"))}</pre>
     *
     * @param topics the topics to subscribe to and to grant; at least one
     * @return the hub URL with the subscribe parameters and {@code authorization=<token>}
     * @throws IllegalStateException in draft-08, which forbids tokens in URLs
     */
    String authenticatedHubUrl(Collection<String> topics);

    /**
     * The authorization cookie with a fresh subscriber token for {@code topics} ({@code *} when none):
     * HttpOnly, SameSite=Strict, Path = the hub's path, Secure for https, Max-Age = the token's lifetime,
     * named {@code mercure.authz.cookie.name} or the dialect's default. The browser's
     * {@code EventSource} then sends it to the hub.
     *
     * <pre>{@code
     * return mercure.authorizationCookie("https://example.com/users/alice/inbox")
     *         .applyTo(Response.ok(page)).build();                      // JAX-RS
     * ServletCookies.add(response, mercure.authorizationCookie());      // Servlet (io.github.mercurejakarta.subscriber)
     * }</pre>
     *
     * @param topics the topics the cookie's token grants; none grants {@code *}
     * @return the cookie, to add to the response
     * @throws ConfigurationException when no key is configured, or outside a JAX-RS request when no hub URL is
     */
    default AuthorizationCookie authorizationCookie(String... topics) {
        return authorizationCookie(Arrays.asList(topics), null);
    }

    /**
     * {@link #authorizationCookie(String...)} with {@code payload} merged over the {@link SubscriberPayload} bean's.
     *
     * <pre>{@code mercure.authorizationCookie(List.of("https://example.com/rooms/1"), Map.of("name", "Alice"))}</pre>
     *
     * @param topics  the topics the cookie's token grants; null or empty grants {@code *}
     * @param payload JSON values merged over the bean's payload; null for none
     * @return the cookie, to add to the response
     * @throws ConfigurationException as {@link #authorizationCookie(String...)}
     */
    AuthorizationCookie authorizationCookie(Collection<String> topics, Map<String, ?> payload);

    /**
     * The authorization cookie carrying {@code token} (minted elsewhere), living until its {@code exp}
     * ({@code mercure.subscriber.token.ttl} when it has none).
     *
     * <pre>{@code mercure.authorizationCookieWithToken(tokenFromMyAuthorizationServer).applyTo(builder)}</pre>
     *
     * @param token a subscriber token (a JWT)
     * @return the cookie, to add to the response
     * @throws IllegalArgumentException when {@code token} is not a JWT
     */
    AuthorizationCookie authorizationCookieWithToken(String token);

    /**
     * The cookie that deletes the authorization cookie (empty, Max-Age=0, same name, Path and Domain).
     *
     * <pre>{@code return mercure.clearAuthorizationCookie().applyTo(Response.noContent()).build();}</pre>
     *
     * @return the deleting cookie, to add to the response (at logout)
     */
    AuthorizationCookie clearAuthorizationCookie();

    /**
     * The active subscriptions whose selector is exactly {@code topic} (a draft-07 {@code topic} value or a
     * draft-08 {@code match} value), or every active subscription when {@code topic} is null or empty: of
     * the embedded hub in-process, or of an external hub through its subscriptions API (with a subscriber
     * token minted from {@code mercure.subscriber.secret.key}).
     *
     * <pre>{@code
     * mercure.getSubscriptions("https://example.com/rooms/1").size();   // in EL: #{mercure.getSubscriptions(room.topic)}
     * }</pre>
     *
     * @param topic the selector, exactly as subscribers gave it; null or empty for all subscriptions
     * @return the active subscriptions, possibly none
     * @throws ConfigurationException  when active subscriptions are off ({@code mercure.hub.subscriptions=false};
     *     an external hub that answers 404: {@link io.github.mercurejakarta.exceptions.HubException}), or no
     *     subscriber key is configured to read an external hub's
     * @throws HubUnavailableException  when the external hub cannot be reached, times out or fails (5xx)
     * @throws UpdateRejectedException  when the external hub refuses the subscriber token
     *     ({@link io.github.mercurejakarta.exceptions.HubAuthorizationException})
     */
    List<ActiveSubscription> getSubscriptions(String topic);

    /**
     * One subscription: that of {@code subscriber} (a connection's {@code urn:uuid:} IRI) on {@code topic}.
     *
     * <pre>{@code mercure.getSubscription(topic, subscriberId).map(ActiveSubscription::payload) }</pre>
     *
     * @param topic      the selector, exactly as the subscriber gave it
     * @param subscriber the connection's IRI ({@link ActiveSubscription#subscriber()})
     * @return the subscription, or empty when that connection has none on {@code topic}
     * @throws ConfigurationException  as {@link #getSubscriptions(String)}, and its other exceptions
     */
    default Optional<ActiveSubscription> getSubscription(String topic, String subscriber) {
        return getSubscriptions(topic).stream().filter(s -> s.subscriber().equals(subscriber)).findFirst();
    }

    /**
     * Whether some active subscription on {@code topic} has a payload holding every entry of
     * {@code payloadFilter} (flask-mercure-sse's {@code is_connected(topic, **filters)}).
     *
     * <pre>{@code
     * mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));
     * // EL: #{mercure.isConnected(room.topic, {'user': user.name})}
     * }</pre>
     *
     * @param topic         the selector, exactly as subscribers gave it
     * @param payloadFilter entries the payload must contain; null or empty: any subscription counts
     * @return true when such a subscription is active
     * @throws ConfigurationException  as {@link #getSubscriptions(String)}, and its other exceptions
     */
    default boolean isConnected(String topic, Map<String, ?> payloadFilter) {
        for (ActiveSubscription s : getSubscriptions(topic)) {
            if (s.active() && s.payloadContains(payloadFilter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether anybody is subscribed to {@code topic}: {@link #isConnected(String, Map)} without a filter.
     *
     * <pre>{@code if (!mercure.isConnected("https://example.com/rooms/1")) { mailer.sendDigest(room); }}</pre>
     *
     * @param topic the selector, exactly as subscribers gave it
     * @return true when some subscription on {@code topic} is active
     */
    default boolean isConnected(String topic) {
        return isConnected(topic, Map.of());
    }
}
