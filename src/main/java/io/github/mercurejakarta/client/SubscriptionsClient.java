package io.github.mercurejakarta.client;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.exceptions.HubAuthorizationException;
import io.github.mercurejakarta.exceptions.HubException;
import io.github.mercurejakarta.exceptions.HubServerException;
import io.github.mercurejakarta.exceptions.HubTimeoutException;
import io.github.mercurejakarta.exceptions.HubUnavailableException;
import io.github.mercurejakarta.exceptions.HubUnreachableException;
import io.github.mercurejakarta.exceptions.MercureException;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.Json;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.github.mercurejakarta.protocol.SubscriptionTopics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the active subscriptions of an external hub through its subscriptions API, minting for each
 * request a short-lived subscriber token that grants exactly the request path (the API requires a
 * token covering the path, so the application must hold the hub's subscriber key).
 *
 * <pre>{@code
 * SubscriptionsClient hub = new SubscriptionsClient(URI.create("https://hub.example/.well-known/mercure"),
 *         SigningKey.hmac(subscriberSecret), Dialect.DRAFT_08, "mercure", null, Duration.ofMinutes(1));
 * List<ActiveSubscription> all = hub.list(null).subscriptions();
 * Optional<ActiveSubscription> one = hub.get("https://example.com/rooms/1", "urn:uuid:...");
 * }</pre>
 *
 * <p>Paths: draft-07 {@code /subscriptions/{topic}[/{subscriber}]}; draft-08
 * {@code /subscriptions/exact/{topic}[/{subscriber}]} (a topic is looked up as an exact matcher). Each
 * variable is percent-encoded once as a whole ({@link SubscriptionTopics#encode}). The dialect is
 * {@code mercure.protocol.version}; {@code auto} asks the hub once for its RFC 9728 protected-resource
 * metadata (present: draft-08, absent: draft-07). Thread-safe; one shared {@link HttpClient}.
 */
public final class SubscriptionsClient {

    /** How long one API call may take. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** One client for every instance: it pools connections and owns threads. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern LINK_LAST_EVENT_ID = Pattern.compile("last-event-id=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI hubUrl;
    private final SigningKey key;
    private final String issuer;
    private final String audience;
    private final Duration tokenTtl;
    private final TokenFactory tokens = new TokenFactory();
    private final Lazy<Dialect> dialect;

    /**
     * @param hubUrl   the hub's absolute URL
     * @param key      the key the hub verifies subscriber tokens with (an HMAC secret or a private key)
     * @param dialect  the protocol to speak; null detects it on first use
     * @param issuer   draft-08 {@code iss} of the minted tokens
     * @param audience draft-08 {@code aud}; null for the hub URL
     * @param tokenTtl lifetime of each minted token (each is used once, at once)
     */
    public SubscriptionsClient(URI hubUrl, SigningKey key, Dialect dialect, String issuer, String audience,
                               Duration tokenTtl) {
        this.hubUrl = Objects.requireNonNull(hubUrl, "hubUrl");
        this.key = Objects.requireNonNull(key, "key");
        this.dialect = Lazy.of(dialect, this::detect);
        this.issuer = issuer == null ? "mercure" : issuer;
        this.audience = audience == null ? hubUrl.toString() : audience;
        this.tokenTtl = tokenTtl == null ? Duration.ofMinutes(1) : tokenTtl;
    }

    /**
     * A client for the external hub of the configuration ({@code mercure.hub.url},
     * {@code mercure.subscriber.secret.key}, {@code mercure.protocol.version}, {@code mercure.hub.issuer},
     * {@code mercure.hub.audience}).
     *
     * @throws ConfigurationException when no external hub URL or no subscriber key is configured
     */
    public static SubscriptionsClient from(MercureConfig config) {
        String url = config.hubUrl().orElseThrow(() -> new ConfigurationException(MercureConfig.Key.HUB_URL.key(),
                "no external hub: set mercure.hub.url to read its subscriptions", null));
        String secret = config.subscriberKey().orElseThrow(() -> new ConfigurationException(
                MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key(),
                "reading an external hub's subscriptions needs its subscriber key: set mercure.subscriber.secret.key", null));
        Dialect d = switch (config.protocolVersion()) {
            case "7" -> Dialect.DRAFT_07;
            case "8" -> Dialect.DRAFT_08;
            default -> null;
        };
        return new SubscriptionsClient(URI.create(url), SigningKey.parse(secret), d, config.issuer(),
                config.audience().orElse(null), Duration.ofMinutes(1));
    }

    /**
     * The subscriptions on {@code topic} (its exact selector), or all of them for null or empty.
     *
     * @throws MercureException when the hub refuses or cannot be reached
     */
    public SubscriptionSnapshot list(String topic) {
        Dialect d = dialect();
        String path = SubscriptionTopics.prefix(hubUrl.getRawPath());
        if (topic != null && !topic.isEmpty()) {
            path += d == Dialect.DRAFT_08 ? "/exact/" + SubscriptionTopics.encode(topic) : "/" + SubscriptionTopics.encode(topic);
        }
        HttpResponse<String> r = get(d, path);
        if (r.statusCode() == 404 && topic != null && !topic.isEmpty()) {
            // flask-mercure-sse's hub answers an empty topic collection with 404
            return new SubscriptionSnapshot(Dialect.EARLIEST, List.of());
        }
        Map<String, Object> doc = body(r, path);
        List<ActiveSubscription> out = new ArrayList<>();
        if (doc.get("subscriptions") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(subscription(d, m));
                }
            }
        }
        return new SubscriptionSnapshot(lastEventId(d, r, doc), out);
    }

    /**
     * One subscription of {@code subscriber} on {@code topic}.
     *
     * @return empty when the hub does not know it
     * @throws MercureException when the hub refuses or cannot be reached
     */
    public Optional<ActiveSubscription> get(String topic, String subscriber) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(subscriber, "subscriber");
        Dialect d = dialect();
        String path = SubscriptionTopics.prefix(hubUrl.getRawPath())
                + (d == Dialect.DRAFT_08 ? "/exact/" : "/") + SubscriptionTopics.encode(topic)
                + '/' + SubscriptionTopics.encode(subscriber);
        HttpResponse<String> r = get(d, path);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(subscription(d, body(r, path)));
    }

    /** @return the dialect spoken with the hub (detected once when not configured) */
    public Dialect dialect() {
        return dialect.get();
    }

    private Dialect detect() {
        URI metadata = hubUrl.resolve("/.well-known/oauth-protected-resource" + hubUrl.getRawPath());
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(metadata).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? Dialect.DRAFT_08 : Dialect.DRAFT_07;
        } catch (IOException e) {
            throw unreachable(hubUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MercureException("interrupted while asking " + hubUrl + " for its protocol version", e);
        }
    }

    private HttpResponse<String> get(Dialect d, String path) {
        String token = d == Dialect.DRAFT_07
                ? tokens.draft07(key, null, List.of(path), null, tokenTtl)
                : tokens.draft08(key, issuer, audience, null, List.of(), List.of(TopicGrant.exact(path)), null, tokenTtl);
        URI uri = hubUrl.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", d == Dialect.DRAFT_07 ? "application/ld+json, application/json" : "application/json")
                .GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MercureException("interrupted while reading " + uri, e);
        }
    }

    /** No answer: unavailable, as when publishing (a timeout is one too). */
    private static HubUnavailableException unreachable(URI uri, IOException e) {
        String message = "cannot reach the hub at " + uri + ": " + e.getMessage();
        return e instanceof HttpTimeoutException
                ? new HubTimeoutException(message, uri.toString(), REQUEST_TIMEOUT, e)
                : new HubUnreachableException(message, uri.toString(), e);
    }

    /** A failed answer, in the family publishing would throw for it. */
    private Map<String, Object> body(HttpResponse<String> r, String path) {
        int status = r.statusCode();
        String hub = hubUrl.toString();
        if (status == 401 || status == 403) {
            throw new HubAuthorizationException("the hub refused the subscriber token for " + path + " (" + status
                    + "): is mercure.subscriber.secret.key the hub's subscriber key?", hub, status,
                    r.headers().firstValue("WWW-Authenticate").orElse(null), abbreviate(r.body()));
        }
        if (status == 404) {
            throw new HubException("the hub does not serve " + path + " (404): are its active subscriptions on?",
                    hub, status, abbreviate(r.body()), null);
        }
        if (status >= 500) {
            throw new HubServerException("the hub answered " + status + " for " + path + ": " + abbreviate(r.body()),
                    hub, status, abbreviate(r.body()));
        }
        if (status != 200) {
            throw new HubException("the hub answered " + status + " for " + path + ": " + abbreviate(r.body()),
                    hub, status, abbreviate(r.body()), null);
        }
        try {
            return Json.parseObject(r.body());
        } catch (RuntimeException e) {
            throw new MercureException("the hub's answer for " + path + " is not a JSON object: " + abbreviate(r.body()), e);
        }
    }

    private static ActiveSubscription subscription(Dialect d, Map<?, ?> m) {
        String id = string(m.get("id"));
        String subscriber = string(m.get("subscriber"));
        boolean active = !Boolean.FALSE.equals(m.get("active"));
        Object payload = m.get("payload");
        if (d == Dialect.DRAFT_07) {
            return new ActiveSubscription(id, d.version(), null, string(m.get("topic")), subscriber, active, payload);
        }
        return new ActiveSubscription(id, d.version(), string(m.get("match_type")), string(m.get("match")), subscriber, active, payload);
    }

    private static String lastEventId(Dialect d, HttpResponse<String> r, Map<String, Object> doc) {
        if (d == Dialect.DRAFT_07) {
            Object v = doc.get("lastEventID");
            return v == null ? Dialect.EARLIEST : v.toString();
        }
        for (String link : r.headers().allValues("Link")) {
            Matcher m = LINK_LAST_EVENT_ID.matcher(link);
            if (link.contains("rel=\"mercure\"") && m.find()) {
                return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
        }
        return Dialect.EARLIEST;
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
