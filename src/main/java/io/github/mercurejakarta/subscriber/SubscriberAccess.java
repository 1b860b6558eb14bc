package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.HubDialect;
import io.github.mercurejakarta.protocol.PercentEncoding;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an application gives its browsers so they can subscribe: the hub URL with the subscribe
 * parameters of the hub's dialect, subscriber tokens, and the authorization cookie. The
 * {@link io.github.mercurejakarta.Mercure} bean exposes all of it (also to EL as {@code #{mercure...}});
 * this class is the implementation, usable without CDI.
 *
 * <pre>{@code
 * SubscriberAccess access = new SubscriberAccess(config, HubDialect.configured(config),
 *         () -> Optional.of(RequestUrls.of(uriInfo.getBaseUri(), uriInfo.getRequestUri())), null,
 *         new TokenFactory());
 * String url = access.hubUrl(List.of("https://example.com/books/1"));
 * // draft-08: http://localhost:9080/app/.well-known/mercure?match=https://example.com/books/1
 * String token = access.subscriberToken(List.of("https://example.com/books/1"), Map.of("user", "alice"));
 * }</pre>
 *
 * <p>This class makes the URLs; {@link SubscriberTokens} mints the tokens and {@link AuthorizationCookies}
 * sets the cookie's attributes.
 *
 * <p>The hub URL for browsers is {@code mercure.public.hub.url}, else {@code mercure.hub.url}; when neither
 * names a hub (the embedded hub) or the key is {@code true}, it is the current request's
 * {@code <application base>/.well-known/mercure}.
 */
public final class SubscriberAccess {

    private final MercureConfig config;
    private final HubDialect dialect;
    private final Supplier<Optional<RequestUrls>> request;
    private final SubscriberTokens tokens;
    private final AuthorizationCookies cookies;

    /**
     * @param request  the current request, empty outside one
     * @param payloads the application's payload hook, or null for none
     */
    public SubscriberAccess(MercureConfig config, HubDialect dialect, Supplier<Optional<RequestUrls>> request,
            SubscriberPayload payloads, TokenFactory tokens) {
        this(config, dialect, request, payloads, tokens, Clock.systemUTC());
    }

    /** @param clock the clock {@code tokens} uses, for the cookie lifetime of ready tokens */
    public SubscriberAccess(MercureConfig config, HubDialect dialect, Supplier<Optional<RequestUrls>> request,
            SubscriberPayload payloads, TokenFactory tokens, Clock clock) {
        this(config, dialect, request, new SubscriberTokens(config, payloads, tokens),
                new AuthorizationCookies(config, dialect, clock));
    }

    private SubscriberAccess(MercureConfig config, HubDialect dialect, Supplier<Optional<RequestUrls>> request,
            SubscriberTokens tokens, AuthorizationCookies cookies) {
        this.config = Objects.requireNonNull(config, "config");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.request = Objects.requireNonNull(request, "request");
        this.tokens = tokens;
        this.cookies = cookies;
    }

    /**
     * @return the same helpers for the given request (a JAX-RS filter that has its own request context),
     *     sharing the minting (and its parsed key)
     */
    public SubscriberAccess forRequest(RequestUrls requestUrls) {
        Optional<RequestUrls> fixed = Optional.of(requestUrls);
        return new SubscriberAccess(config, dialect, () -> fixed, tokens, cookies);
    }

    /** @return the dialect of the URLs, tokens and cookie made here */
    public Dialect dialect() {
        return dialect.dialect();
    }

    /**
     * @return the hub URL browsers use, without subscribe parameters
     * @throws ConfigurationException outside a request when no hub URL is configured
     */
    public String hubUrl() {
        boolean fromRequest = config.publicHubUrl().isEmpty();
        if (!fromRequest) {
            return config.publicHubUrl().get();
        }
        return request.get().map(RequestUrls::embeddedHubUrl).orElseThrow(() -> new ConfigurationException(
                MercureConfig.Key.PUBLIC_HUB_URL.key(), "no hub URL for browsers outside an HTTP request: set "
                        + MercureConfig.Key.PUBLIC_HUB_URL.key()
                        + " (the hub URL is otherwise taken from the current JAX-RS request)", null));
    }

    /**
     * @return the hub URL subscribing to {@code topics} in the dialect's words: draft-07
     *     {@code ?topic=a&topic=b}, draft-08 {@code ?match=a&match=b}; the hub URL alone for no topics
     */
    public String hubUrl(Collection<String> topics) {
        List<String> list = topics(topics, false);
        String parameter = dialect() == Dialect.DRAFT_08 ? "match" : "topic";
        StringBuilder url = new StringBuilder(hubUrl());
        char separator = url.indexOf("?") >= 0 ? '&' : '?';
        for (String topic : list) {
            url.append(separator).append(parameter).append('=').append(PercentEncoding.QUERY_VALUE.encode(topic));
            separator = '&';
        }
        return url.toString();
    }

    /**
     * Draft-07 only: the hub URL for {@code topics} with a fresh subscriber token in the
     * {@code authorization} query parameter (for clients that can send neither header nor cookie).
     *
     * @throws IllegalStateException in draft-08, which forbids tokens in URLs (use the cookie)
     */
    public String authenticatedHubUrl(Collection<String> topics, Map<String, ?> payload) {
        if (dialect() == Dialect.DRAFT_08) {
            throw new IllegalStateException("draft-08 forbids tokens in URLs: give the browser the authorization cookie"
                    + " (authorizationCookie) or send subscriberToken in an Authorization header;"
                    + " mercure.protocol.version=7 selects draft-07");
        }
        String token = subscriberToken(topics, payload);
        String url = hubUrl(topics);
        return url + (url.indexOf('?') >= 0 ? '&' : '?') + "authorization=" + PercentEncoding.QUERY_VALUE.encode(token);
    }

    /**
     * Mints a subscriber token for {@code topics} (exact topics; {@code *} for all; draft-07 also takes
     * URI templates), signed with {@code mercure.subscriber.secret.key} (else {@code mercure.secret.key}),
     * valid {@code mercure.subscriber.token.ttl} seconds. Draft-07: {@code mercure.subscribe} and
     * {@code mercure.payload}. Draft-08: an {@code at+jwt} with {@code iss} = {@code mercure.hub.issuer},
     * {@code aud} = {@code mercure.hub.audience} or the browsers' hub URL, and a subscribe
     * {@code authorization_details} entry carrying the payload.
     *
     * @param payload merged over the payload hook's (its keys win); null for none
     * @throws IllegalArgumentException for no topics or a null topic
     * @throws ConfigurationException  when no key to sign with is configured
     */
    public String subscriberToken(Collection<String> topics, Map<String, ?> payload) {
        return tokens.mint(dialect(), topics(topics, true), payload, this::hubUrl);
    }

    /**
     * @return a cookie carrying a fresh subscriber token for {@code topics} ({@code *} when empty or
     *     null, like flask-mercure-sse), living as long as the token
     */
    public AuthorizationCookie authorizationCookie(Collection<String> topics, Map<String, ?> payload) {
        List<String> list = topics == null || topics.isEmpty() ? List.of(TopicMatchers.WILDCARD) : List.copyOf(topics);
        return cookie(subscriberToken(list, payload), config.subscriberTokenTtl().getSeconds());
    }

    /**
     * @return a cookie carrying {@code token} (minted elsewhere), living until its {@code exp} (or
     *     {@code mercure.subscriber.token.ttl} when it has none)
     * @throws IllegalArgumentException when {@code token} is not a JWT
     */
    public AuthorizationCookie authorizationCookie(String token) {
        Objects.requireNonNull(token, "token");
        return cookie(token, cookies.lifetime(token));
    }

    /** @return the cookie that deletes the authorization cookie: empty, Max-Age=0, same name, Path and Domain */
    public AuthorizationCookie clearAuthorizationCookie() {
        return cookie("", 0);
    }

    /** @return the authorization cookie's name: {@code mercure.authz.cookie.name} or the dialect's default */
    public String cookieName() {
        return cookies.name();
    }

    private AuthorizationCookie cookie(String value, long maxAge) {
        return cookies.cookie(value, maxAge, hubUrl(), request.get());
    }

    private static List<String> topics(Collection<String> topics, boolean required) {
        if (topics == null || topics.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("at least one topic is needed (\"*\" for all topics)");
            }
            return List.of();
        }
        List<String> list = new ArrayList<>(topics.size());
        for (String t : topics) {
            if (t == null) {
                throw new IllegalArgumentException("a topic is null: " + topics);
            }
            list.add(t);
        }
        return list;
    }
}
