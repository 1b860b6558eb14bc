package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.protocol.Json;
import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.HubDialect;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <p>The hub URL for browsers is {@code mercure.public.hub.url}, else {@code mercure.hub.url}; when neither
 * names a hub (the embedded hub) or the key is {@code true}, it is the current request's
 * {@code <application base>/.well-known/mercure}.
 */
public final class SubscriberAccess {

    private static final String WELL_KNOWN = "/.well-known/mercure";

    private final MercureConfig config;
    private final HubDialect dialect;
    private final Supplier<Optional<RequestUrls>> request;
    private final SubscriberPayload payloads;
    private final TokenFactory tokens;
    private final Clock clock;
    private volatile SigningKey signingKey;

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
        this.config = Objects.requireNonNull(config, "config");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.request = Objects.requireNonNull(request, "request");
        this.payloads = payloads;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the same helpers for the given request (a JAX-RS filter that has its own request context) */
    public SubscriberAccess forRequest(RequestUrls requestUrls) {
        Optional<RequestUrls> fixed = Optional.of(requestUrls);
        SubscriberAccess bound = new SubscriberAccess(config, dialect, () -> fixed, payloads, tokens, clock);
        bound.signingKey = signingKey;
        return bound;
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
            url.append(separator).append(parameter).append('=').append(encodeQueryValue(topic));
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
        return url + (url.indexOf('?') >= 0 ? '&' : '?') + "authorization=" + encodeQueryValue(token);
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
        List<String> list = topics(topics, true);
        Map<String, Object> merged = payload(list, payload);
        Duration ttl = config.subscriberTokenTtl();
        if (dialect() == Dialect.DRAFT_07) {
            return tokens.draft07(signingKey(), null, list, merged.isEmpty() ? null : merged, ttl);
        }
        List<TopicGrant> grants = new ArrayList<>(list.size());
        for (String topic : list) {
            grants.add(TopicMatchers.WILDCARD.equals(topic) ? TopicGrant.all() : TopicGrant.exact(topic));
        }
        return tokens.draft08(signingKey(), config.issuer(), audience(), null, List.of(), grants,
                merged.isEmpty() ? null : merged, ttl);
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
        return cookie(token, remainingSeconds(token).orElse(config.subscriberTokenTtl().getSeconds()));
    }

    /** @return the cookie that deletes the authorization cookie: empty, Max-Age=0, same name, Path and Domain */
    public AuthorizationCookie clearAuthorizationCookie() {
        return cookie("", 0);
    }

    /** @return the authorization cookie's name: {@code mercure.authz.cookie.name} or the dialect's default */
    public String cookieName() {
        return config.authzCookieName().orElseGet(() -> dialect().defaultCookieName());
    }

    private AuthorizationCookie cookie(String value, long maxAge) {
        URI hub = URI.create(hubUrl());
        Optional<RequestUrls> current = request.get();
        String name = cookieName();
        boolean secure = "https".equalsIgnoreCase(hub.getScheme()) || current.map(RequestUrls::secure).orElse(false)
                // browsers drop a prefixed cookie that is not Secure, whatever the scheme
                || name.startsWith("__Secure-") || name.startsWith("__Host-");
        String path = hub.getRawPath() == null || hub.getRawPath().isEmpty() ? "/" : hub.getRawPath();
        String domain = cookieDomain(hub.getHost(), current.map(RequestUrls::host).orElse(null));
        if (name.startsWith("__Host-")) {
            // the __Host- prefix demands Path=/ and no Domain
            path = "/";
            domain = null;
        }
        return new AuthorizationCookie(name, value, path, domain, maxAge, secure);
    }

    /**
     * The {@code Domain} attribute for a cookie set on a response to {@code requestHost} that must reach
     * {@code hubHost}: none (host-only) when they are the same host, or when the hub is {@code localhost},
     * an IP address or a single label (browsers refuse {@code Domain=localhost} and IP domains); the
     * parent domain both share when they differ ({@code app.example.com} + {@code hub.example.com} →
     * {@code example.com}); the hub's host when the request host is unknown or shares no parent with it.
     */
    static String cookieDomain(String hubHost, String requestHost) {
        if (hubHost == null) {
            return null;
        }
        String hub = normalizeHost(hubHost);
        if (!isDomainName(hub)) {
            return null;
        }
        if (requestHost == null) {
            return hub;
        }
        String req = normalizeHost(requestHost);
        if (req.equals(hub)) {
            return null;
        }
        String[] h = hub.split("\\.");
        String[] r = req.split("\\.");
        int common = 0;
        while (common < h.length && common < r.length && h[h.length - 1 - common].equals(r[r.length - 1 - common])) {
            common++;
        }
        if (common >= 2) {
            return String.join(".", List.of(h).subList(h.length - common, h.length));
        }
        return hub;
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A name a Domain attribute may hold: not localhost, not an IP address, more than one label. */
    private static boolean isDomainName(String host) {
        if (host.isEmpty() || host.startsWith("[") || host.indexOf(':') >= 0 || host.indexOf('.') < 0) {
            return false;
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return false;
        }
        return !host.matches("[0-9.]+");
    }

    private String audience() {
        return config.audience().orElseGet(() -> {
            String url = hubUrl();
            int cut = url.indexOf('?');
            return cut < 0 ? url : url.substring(0, cut);
        });
    }

    private Map<String, Object> payload(List<String> topics, Map<String, ?> explicit) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (payloads != null) {
            Map<String, Object> hooked = payloads.payload(List.copyOf(topics));
            if (hooked != null) {
                merged.putAll(hooked);
            }
        }
        if (explicit != null) {
            merged.putAll(explicit);
        }
        return merged;
    }

    private SigningKey signingKey() {
        SigningKey key = signingKey;
        if (key == null) {
            String text = config.subscriberKey().orElseThrow(() -> new ConfigurationException(
                    MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key(), "cannot mint subscriber tokens: set "
                            + MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key() + " (or " + MercureConfig.Key.SECRET_KEY.key() + ")",
                    null));
            try {
                key = SigningKey.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key(), "cannot mint subscriber tokens with "
                        + MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key() + " (minting needs a secret or a PEM private key;"
                        + " a public key only verifies): " + e.getMessage(), e);
            }
            signingKey = key;
        }
        return key;
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

    private Optional<Long> remainingSeconds(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT (three dot-separated parts expected)");
        }
        Map<String, Object> claims;
        try {
            claims = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWT (unreadable claims)", e);
        }
        if (claims.get("exp") instanceof Number exp) {
            return Optional.of(Math.max(0, exp.longValue() - clock.instant().getEpochSecond()));
        }
        return Optional.empty();
    }

    /**
     * Percent-encodes a query value so that the WHATWG urlencoded parser (what hubs use) gives it back
     * unchanged: {@code & = + ; % #}, spaces, quotes, brackets, braces and every non-ASCII byte are
     * escaped; unreserved characters and {@code ! $ ( ) * , / : ? @} stay readable. The result never
     * contains {@code ' " < > \}, so it is safe inside HTML attributes and JavaScript strings.
     */
    static String encodeQueryValue(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$()*,/:?@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
