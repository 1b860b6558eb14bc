package io.github.mercurejakarta.config;

import io.github.mercurejakarta.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.github.mercurejakarta.config.ConfigValues.bool;
import static io.github.mercurejakarta.config.ConfigValues.checkHttpUrl;
import static io.github.mercurejakarta.config.ConfigValues.checkOrigin;
import static io.github.mercurejakarta.config.ConfigValues.decimalSeconds;
import static io.github.mercurejakarta.config.ConfigValues.duration;
import static io.github.mercurejakarta.config.ConfigValues.list;

/**
 * Every {@code mercure.*} setting, read once and checked: a wrong value fails fast with a
 * {@link ConfigurationException} naming the key, never a NullPointerException at the first publish.
 *
 * <p>Keys are MicroProfile Config properties; MicroProfile Config maps environment variables onto them
 * by its own rules, so {@code MERCURE_HUB_URL} sets {@code mercure.hub.url} exactly as in
 * flask-mercure-sse. The README's configuration table lists them all; {@link Key} is the source of that
 * table. Each value's text is parsed and checked by {@link ConfigValues}; what is decided here is how the
 * keys combine (the embedded hub, the hub URLs, the publisher key HTTP publishing needs).
 *
 * <pre>{@code
 * MercureConfig config = MercureConfig.from(ConfigProvider.getConfig()::getOptionalValue);
 * MercureConfig test = MercureConfig.of(Map.of("mercure.hub.allow.publish", "true",
 *                                              "mercure.publisher.secret.key", "!ChangeThisMercureHubJWTSecretKey!"));
 * }</pre>
 */
public final class MercureConfig {

    /** The configuration keys, their defaults and meaning. */
    public enum Key {
        HUB_URL("mercure.hub.url", null, "URL of the hub the application publishes to. Unset: the embedded hub, URL taken from the request; `true`: always the request's URL."),
        PUBLIC_HUB_URL("mercure.public.hub.url", null, "Hub URL given to browsers (defaults to mercure.hub.url; `true`: the current request's URL)."),
        PUBLISHER_JWT("mercure.publisher.jwt", null, "Token used as is to publish to an external hub (otherwise minted from the publisher key)."),
        AUTHZ_COOKIE_NAME("mercure.authz.cookie.name", null, "Authorization cookie name (default: mercureAuthorization for draft-07, __Secure-mercure_access_token for draft-08)."),
        TYPE_IS_TOPIC("mercure.type.is.topic", "false", "Use the topic as the SSE event type when an update has none."),
        HUB("mercure.hub", null, "Embedded hub on/off. Default: on when mercure.hub.url is unset or `true`."),
        HUB_ALLOW_PUBLISH("mercure.hub.allow.publish", "false", "Allow publishing to the embedded hub over HTTP (POST, with a publisher token)."),
        HUB_ALLOW_ANONYMOUS("mercure.hub.allow.anonymous", "true", "Allow subscribers without a token (they receive public updates only)."),
        HUB_SUBSCRIPTIONS("mercure.hub.subscriptions", "true", "Publish subscription events and serve the subscriptions API."),
        HUB_KEEPALIVE_INTERVAL("mercure.hub.keepalive.interval", "15", "Seconds after a stream's last write when it gets a keep-alive comment; on application servers a second one follows a second later, which finds a client that left; 0 turns them off."),
        HUB_RECONCILIATION_LENGTH("mercure.hub.reconciliation.length", "500", "Updates kept (all topics together) for reconnection with Last-Event-ID."),
        SUBSCRIBER_SECRET_KEY("mercure.subscriber.secret.key", null, "Key verifying (and minting) subscriber tokens: an HMAC secret or a PEM public key (defaults to mercure.secret.key)."),
        PUBLISHER_SECRET_KEY("mercure.publisher.secret.key", null, "Key verifying (and minting) publisher tokens (defaults to mercure.secret.key)."),
        SECRET_KEY("mercure.secret.key", null, "The application's secret, used when the two keys above are unset."),
        PUBLISHER_JWKS_URL("mercure.publisher.jwks.url", null, "JWK Set URL whose keys verify publisher tokens (RS*, PS*, ES*, EdDSA; the key chosen by `kid`). Takes precedence over the publisher key for verification."),
        SUBSCRIBER_JWKS_URL("mercure.subscriber.jwks.url", null, "JWK Set URL whose keys verify subscriber tokens. Takes precedence over the subscriber key for verification."),
        HUB_JWKS_MIN_REFRESH_INTERVAL("mercure.hub.jwks.min.refresh.interval", "10", "Seconds between two requests to a JWK Set URL at most (a token naming an unknown `kid` fetches the set again, no more often than this). 0 only for tests."),
        HUB_ISSUER("mercure.hub.issuer", "mercure", "Trusted `iss` of draft-08 tokens (and the issuer of minted ones)."),
        HUB_ISSUERS("mercure.hub.issuers", null, "Comma-separated names of further trusted authorization servers, each with its own `iss`, keys and audience under `mercure.hub.issuers.<name>.*` (see [Several issuers](#several-issuers))."),
        HUB_AUDIENCE("mercure.hub.audience", null, "The hub's resource identifier checked in draft-08 `aud`. Default: the hub URL as requested."),
        HUB_CORS_ORIGINS("mercure.hub.cors.origins", null, "Comma-separated origins allowed to subscribe from browsers on other origins (`*` only for anonymous hubs)."),
        HUB_PUBLISH_ORIGINS("mercure.hub.publish.origins", null, "Comma-separated origins allowed to publish with the cookie (CSRF check)."),
        HUB_TRANSPORT("mercure.hub.transport", "local", "Transport: `local` (in memory, lost on restart), `file:DIR` (a durable history in directory DIR, one node), a redis:// URL, a postgresql:// URL (`postgresql://user:password@host:port/db?sslmode=require&schema=NAME`), or `datasource:JNDI-NAME` (the application server's PostgreSQL DataSource, e.g. `datasource:jdbc/app`): several nodes act as one hub."),
        HUB_HISTORY_MAX_AGE("mercure.hub.history.max.age", null, "Longest time an update is kept in the history of a `file:` or PostgreSQL transport, besides mercure.hub.reconciliation.length: a number of seconds or a number with a unit (`90s`, `15m`, `24h`, `7d`). Unset: no age bound."),
        HUB_MAX_BODY_SIZE("mercure.hub.max.body.size", "1048576", "Largest publish body in bytes (413 beyond)."),
        HUB_MAX_SELECTORS("mercure.hub.max.selectors", "100", "Most topic selectors in one subscription (400 beyond)."),
        HUB_MAX_TOPICS("mercure.hub.max.topics", "1000", "Most topics in one update (400 beyond)."),
        HUB_DISPATCH_TIMEOUT("mercure.hub.dispatch.timeout", "5", "Seconds one write to a subscriber may take; a stream whose write has not completed by then is closed (the client reconnects with Last-Event-ID). 0 turns it off."),
        HUB_QUEUE_SIZE("mercure.hub.subscriber.queue.size", "1000", "Live updates buffered for one subscriber; a subscriber that falls further behind is disconnected (it reconnects with Last-Event-ID). A replay from Last-Event-ID is bounded by the history instead and does not count."),
        PROTOCOL_VERSION("mercure.protocol.version", "auto", "Protocol for outbound calls and helpers: `auto`, `7` or `8`."),
        SUBSCRIBER_TOKEN_TTL("mercure.subscriber.token.ttl", "3600", "Lifetime in seconds of subscriber tokens minted by the helpers."),
        HUB_TIMEOUT("mercure.hub.timeout", "5", "Seconds (decimals allowed) an external hub is given to connect and answer a publication; beyond, the publish fails with HubTimeoutException."),
        HUB_UI("mercure.hub.ui", "false", "Serve the hub's debugging page at `/.well-known/mercure/ui/` (subscribe, publish by hand). For development: anyone who can reach it can use it."),
        // operations (OperationsConfig reads and checks these)
        HUB_MAX_CONNECTIONS("mercure.hub.max.connections", "10000", "Most open streams on one hub node; beyond, subscribing gets 429 with Retry-After. 0 removes the limit."),
        HUB_MAX_CONNECTIONS_PER_ADDRESS("mercure.hub.max.connections.per.address", "0", "Most open streams from one client address; beyond, 429 with Retry-After. 0 (default): no per-address limit, since behind a reverse proxy, a load balancer or a NAT every client arrives from one address. To turn it on behind a proxy, also set mercure.hub.trusted.proxies so that each client is counted by its X-Forwarded-For address."),
        HUB_MAX_SELECTOR_LENGTH("mercure.hub.max.selector.length", "4096", "Longest topic selector (topic, URI template or URL pattern) in characters (400 beyond)."),
        HUB_TRUSTED_PROXIES("mercure.hub.trusted.proxies", null, "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed for the per-address limit. Unset: the connection's peer address is the client's."),
        HUB_CONNECTION_LIFETIME("mercure.hub.connection.lifetime", "0", "Seconds after which a stream is ended cleanly (± jitter) so that the client reconnects with Last-Event-ID, like the reference hub's write_timeout. 0 (default) keeps streams open."),
        HUB_CONNECTION_LIFETIME_JITTER("mercure.hub.connection.lifetime.jitter", null, "Seconds of random spread around mercure.hub.connection.lifetime, so that streams opened together do not all reconnect together. Default: a tenth of the lifetime."),
        HUB_SHUTDOWN_TIMEOUT("mercure.hub.shutdown.timeout", "5", "Seconds the hub gives its open streams to end cleanly when it stops (queued updates are flushed first).");

        private final String key;
        private final String defaultValue;
        private final String description;

        Key(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        /** @return the property name, e.g. {@code mercure.hub.url} */
        public String key() {
            return key;
        }

        /** @return the default as text, or null when there is none */
        public String defaultValue() {
            return defaultValue;
        }

        /** @return what the setting does */
        public String description() {
            return description;
        }

        /** @return the environment variable MicroProfile Config maps onto the key, e.g. {@code MERCURE_HUB_URL} */
        public String environmentVariable() {
            return key.toUpperCase(Locale.ROOT).replace('.', '_');
        }
    }

    /**
     * One further trusted authorization server ({@code mercure.hub.issuers.<name>.*}): tokens whose {@code iss} is
     * {@link #issuer()} are verified with its keys and its audience, never with the hub's own.
     *
     * @param name              the group's name, as listed in {@code mercure.hub.issuers}
     * @param issuer            the exact {@code iss} ({@code .issuer}, required)
     * @param audience          the {@code aud} its draft-08 tokens must contain ({@code .audience}); empty: the hub's
     * @param publisherKey      {@code .publisher.secret.key}, else {@code .secret.key}: HMAC secret or PEM public key
     * @param subscriberKey     {@code .subscriber.secret.key}, else {@code .secret.key}
     * @param publisherJwksUrl  {@code .publisher.jwks.url}, else {@code .jwks.url} (wins over the key)
     * @param subscriberJwksUrl {@code .subscriber.jwks.url}, else {@code .jwks.url}
     */
    public record Issuer(String name, String issuer, Optional<String> audience, Optional<String> publisherKey,
                         Optional<String> subscriberKey, Optional<String> publisherJwksUrl,
                         Optional<String> subscriberJwksUrl) {

        /** The properties of a group, after {@code mercure.hub.issuers.<name>.} */
        public static final List<String> PROPERTIES = List.of("issuer", "audience", "secret.key", "publisher.secret.key",
                "subscriber.secret.key", "jwks.url", "publisher.jwks.url", "subscriber.jwks.url");

        /** @return the full property name of {@code property} in group {@code name} */
        public static String key(String name, String property) {
            return Key.HUB_ISSUERS.key() + "." + name + "." + property;
        }
    }

    private final Map<Key, String> raw;
    private final List<Issuer> issuers;
    private final String hubUrl;
    private final boolean hubUrlFromRequest;
    private final String publicHubUrl;
    private final boolean embeddedHub;
    private final Duration keepAlive;
    private final Duration historyMaxAge;
    private final int reconciliationLength;
    private final List<String> corsOrigins;
    private final List<String> publishOrigins;
    private final long maxBodySize;
    private final int maxSelectors;
    private final int maxTopics;
    private final int queueSize;
    private final Duration dispatchTimeout;
    private final String protocolVersion;
    private final Duration subscriberTokenTtl;
    private final Duration hubTimeout;
    private final Duration jwksMinRefreshInterval;

    private MercureConfig(Function<String, Optional<String>> lookup) {
        Map<Key, String> values = ConfigValues.read(lookup);
        this.raw = values;

        String url = values.get(Key.HUB_URL);
        this.hubUrlFromRequest = url == null || "true".equalsIgnoreCase(url);
        if (!hubUrlFromRequest) {
            if ("false".equalsIgnoreCase(url)) {
                throw new ConfigurationException(Key.HUB_URL.key, "expected a URL or `true`, got 'false'");
            }
            checkHttpUrl(Key.HUB_URL, url);
        }
        this.hubUrl = hubUrlFromRequest ? null : url;
        String publicUrl = values.get(Key.PUBLIC_HUB_URL);
        if (publicUrl != null && "true".equalsIgnoreCase(publicUrl)) {
            // as for mercure.hub.url: `true` means "the current request's URL", whatever the internal URL
            this.publicHubUrl = null;
        } else if (publicUrl != null) {
            checkHttpUrl(Key.PUBLIC_HUB_URL, publicUrl);
            this.publicHubUrl = publicUrl;
        } else {
            this.publicHubUrl = hubUrl;
        }
        String hub = values.get(Key.HUB);
        this.embeddedHub = hub == null ? hubUrlFromRequest : bool(Key.HUB, hub);
        bool(Key.TYPE_IS_TOPIC, values.get(Key.TYPE_IS_TOPIC));
        bool(Key.HUB_ALLOW_PUBLISH, values.get(Key.HUB_ALLOW_PUBLISH));
        bool(Key.HUB_ALLOW_ANONYMOUS, values.get(Key.HUB_ALLOW_ANONYMOUS));
        bool(Key.HUB_SUBSCRIPTIONS, values.get(Key.HUB_SUBSCRIPTIONS));
        bool(Key.HUB_UI, values.get(Key.HUB_UI));
        this.keepAlive = Duration.ofSeconds(wholeNumber(Key.HUB_KEEPALIVE_INTERVAL, 0, 86_400));
        this.reconciliationLength = (int) wholeNumber(Key.HUB_RECONCILIATION_LENGTH, 0, 10_000_000);
        String maxAge = values.get(Key.HUB_HISTORY_MAX_AGE);
        this.historyMaxAge = maxAge == null || maxAge.isBlank() ? Duration.ZERO : duration(Key.HUB_HISTORY_MAX_AGE, maxAge);
        this.corsOrigins = list(values.get(Key.HUB_CORS_ORIGINS));
        for (String o : corsOrigins) {
            if (!"*".equals(o)) {
                checkOrigin(Key.HUB_CORS_ORIGINS, o);
            }
        }
        this.publishOrigins = list(values.get(Key.HUB_PUBLISH_ORIGINS));
        for (String o : publishOrigins) {
            checkOrigin(Key.HUB_PUBLISH_ORIGINS, o);
        }
        this.maxBodySize = wholeNumber(Key.HUB_MAX_BODY_SIZE, 1, Integer.MAX_VALUE - 8);
        this.maxSelectors = (int) wholeNumber(Key.HUB_MAX_SELECTORS, 1, 100_000);
        this.maxTopics = (int) wholeNumber(Key.HUB_MAX_TOPICS, 1, 100_000);
        this.queueSize = (int) wholeNumber(Key.HUB_QUEUE_SIZE, 1, 10_000_000);
        this.dispatchTimeout = Duration.ofSeconds(wholeNumber(Key.HUB_DISPATCH_TIMEOUT, 0, 86_400));
        String pv = values.get(Key.PROTOCOL_VERSION).toLowerCase(Locale.ROOT);
        if (!List.of("auto", "7", "8").contains(pv)) {
            throw new ConfigurationException(Key.PROTOCOL_VERSION.key, "expected auto, 7 or 8, got '" + pv + "'");
        }
        this.protocolVersion = pv;
        this.subscriberTokenTtl = Duration.ofSeconds(wholeNumber(Key.SUBSCRIBER_TOKEN_TTL, 1, 10L * 365 * 86_400));
        this.hubTimeout = decimalSeconds(Key.HUB_TIMEOUT, values.get(Key.HUB_TIMEOUT));
        if (values.get(Key.HUB_TRANSPORT).isBlank()) {
            // which URLs are transports is the transport package's to say (Transport.check)
            throw new ConfigurationException(Key.HUB_TRANSPORT.key, "expected `local` or a transport URL such as redis://host:6379");
        }
        for (Key k : List.of(Key.PUBLISHER_JWKS_URL, Key.SUBSCRIBER_JWKS_URL)) {
            if (values.get(k) != null) {
                checkHttpUrl(k, values.get(k));
            }
        }
        this.issuers = issuers(values.get(Key.HUB_ISSUERS), lookup, values.get(Key.HUB_ISSUER));
        this.jwksMinRefreshInterval = Duration.ofSeconds(wholeNumber(Key.HUB_JWKS_MIN_REFRESH_INTERVAL, 0, 3600));
        if (embeddedHub && bool(Key.HUB_ALLOW_PUBLISH, values.get(Key.HUB_ALLOW_PUBLISH)) && publisherKey().isEmpty()
                && publisherJwksUrl().isEmpty()
                && issuers.stream().noneMatch(i -> i.publisherKey().isPresent() || i.publisherJwksUrl().isPresent())) {
            throw new ConfigurationException(Key.PUBLISHER_SECRET_KEY.key,
                    "HTTP publishing is on (mercure.hub.allow.publish=true) but no publisher key is set; set "
                            + Key.PUBLISHER_SECRET_KEY.key + ", " + Key.SECRET_KEY.key + " or " + Key.PUBLISHER_JWKS_URL.key);
        }
    }

    /** Reads the groups {@code names} lists; every failure names the property to fix. */
    private static List<Issuer> issuers(String names, Function<String, Optional<String>> lookup, String ownIssuer) {
        List<Issuer> result = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(ownIssuer));
        for (String name : list(names)) {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new ConfigurationException(Key.HUB_ISSUERS.key, "an issuer's name is lower-case letters, digits and"
                        + " '-' (it becomes part of property and environment variable names), got '" + name + "'");
            }
            Function<String, Optional<String>> get = p -> lookup.apply(Issuer.key(name, p)).map(String::trim)
                    .filter(v -> !v.isEmpty());
            String iss = get.apply("issuer").orElseThrow(() -> new ConfigurationException(Issuer.key(name, "issuer"),
                    "the issuer " + name + " listed in " + Key.HUB_ISSUERS.key + " needs its exact `iss`"));
            if (!seen.add(iss)) {
                throw new ConfigurationException(Issuer.key(name, "issuer"), "'" + iss
                        + "' is already trusted (by mercure.hub.issuer or another group): one issuer, one set of keys");
            }
            Optional<String> secret = get.apply("secret.key");
            Optional<String> jwks = get.apply("jwks.url");
            Optional<String> publisherJwks = get.apply("publisher.jwks.url").or(() -> jwks);
            Optional<String> subscriberJwks = get.apply("subscriber.jwks.url").or(() -> jwks);
            for (String p : List.of("jwks.url", "publisher.jwks.url", "subscriber.jwks.url")) {
                get.apply(p).ifPresent(u -> ConfigValues.checkHttpUrl(Issuer.key(name, p), u));
            }
            Issuer issuer = new Issuer(name, iss, get.apply("audience"), get.apply("publisher.secret.key").or(() -> secret),
                    get.apply("subscriber.secret.key").or(() -> secret), publisherJwks, subscriberJwks);
            if (issuer.publisherKey().isEmpty() && issuer.subscriberKey().isEmpty() && publisherJwks.isEmpty()
                    && subscriberJwks.isEmpty()) {
                throw new ConfigurationException(Issuer.key(name, "jwks.url"), "the issuer " + name
                        + " has no key: set its jwks.url (or publisher./subscriber.jwks.url) or secret.key");
            }
            result.add(issuer);
        }
        return List.copyOf(result);
    }

    /**
     * Reads the configuration through a lookup such as MicroProfile Config's
     * {@code config::getOptionalValue} bound to String.
     */
    public static MercureConfig from(Function<String, Optional<String>> lookup) {
        return new MercureConfig(lookup);
    }

    /** Reads the configuration from a map of {@code mercure.*} keys (tests, the standalone hub). */
    public static MercureConfig of(Map<String, String> properties) {
        return new MercureConfig(k -> Optional.ofNullable(properties.get(k)));
    }

    /** @return the configured value of {@code key} (or its default), if any. */
    public Optional<String> value(Key key) {
        return Optional.ofNullable(raw.get(key));
    }

    /** @return the external hub URL the app publishes to; empty when the hub URL comes from the request. */
    public Optional<String> hubUrl() {
        return Optional.ofNullable(hubUrl);
    }

    /** @return true when hub URLs are built from the current request (unset or {@code true}). */
    public boolean hubUrlFromRequest() {
        return hubUrlFromRequest;
    }

    /**
     * @return the URL for browsers: {@code mercure.public.hub.url}, else {@code mercure.hub.url}; empty when
     * browsers get the current request's URL (neither is set, or the public one is {@code true})
     */
    public Optional<String> publicHubUrl() {
        return Optional.ofNullable(publicHubUrl);
    }

    /** @return true when this application runs the embedded hub. */
    public boolean embeddedHub() {
        return embeddedHub;
    }

    public Optional<String> publisherJwt() {
        return value(Key.PUBLISHER_JWT);
    }

    /** @return the configured cookie name, or empty for each dialect's default. */
    public Optional<String> authzCookieName() {
        return value(Key.AUTHZ_COOKIE_NAME);
    }

    public boolean typeIsTopic() {
        return Boolean.parseBoolean(raw.get(Key.TYPE_IS_TOPIC));
    }

    public boolean allowPublish() {
        return Boolean.parseBoolean(raw.get(Key.HUB_ALLOW_PUBLISH));
    }

    public boolean allowAnonymous() {
        return Boolean.parseBoolean(raw.get(Key.HUB_ALLOW_ANONYMOUS));
    }

    public boolean subscriptions() {
        return Boolean.parseBoolean(raw.get(Key.HUB_SUBSCRIPTIONS));
    }

    /** @return true when the hub serves its debugging page ({@code mercure.hub.ui}). */
    public boolean ui() {
        return Boolean.parseBoolean(raw.get(Key.HUB_UI));
    }

    /** @return the keep-alive period; {@link Duration#ZERO} when off. */
    public Duration keepAliveInterval() {
        return keepAlive;
    }

    /** @return how long the history keeps an update at most ({@code mercure.hub.history.max.age}); {@link Duration#ZERO}: no age bound */
    public Duration historyMaxAge() {
        return historyMaxAge;
    }

    public int reconciliationLength() {
        return reconciliationLength;
    }

    /** @return the subscriber key text (its own, else the shared secret). */
    public Optional<String> subscriberKey() {
        return value(Key.SUBSCRIBER_SECRET_KEY).or(() -> value(Key.SECRET_KEY));
    }

    /** @return the publisher key text (its own, else the shared secret). */
    public Optional<String> publisherKey() {
        return value(Key.PUBLISHER_SECRET_KEY).or(() -> value(Key.SECRET_KEY));
    }

    /** @return the JWK Set URL verifying publisher tokens, if any */
    public Optional<String> publisherJwksUrl() {
        return value(Key.PUBLISHER_JWKS_URL);
    }

    /** @return the JWK Set URL verifying subscriber tokens, if any */
    public Optional<String> subscriberJwksUrl() {
        return value(Key.SUBSCRIBER_JWKS_URL);
    }

    /** @return the least time between two requests to a JWK Set URL */
    public Duration jwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    /** @return the further trusted authorization servers ({@code mercure.hub.issuers}), in the listed order */
    public List<Issuer> issuers() {
        return issuers;
    }

    public String issuer() {
        return raw.get(Key.HUB_ISSUER);
    }

    /** @return the fixed audience, or empty to use the hub URL of each request. */
    public Optional<String> audience() {
        return value(Key.HUB_AUDIENCE);
    }

    public List<String> corsOrigins() {
        return corsOrigins;
    }

    public List<String> publishOrigins() {
        return publishOrigins;
    }

    public String transport() {
        return raw.get(Key.HUB_TRANSPORT);
    }

    public long maxBodySize() {
        return maxBodySize;
    }

    public int maxSelectors() {
        return maxSelectors;
    }

    public int maxTopics() {
        return maxTopics;
    }

    public int subscriberQueueSize() {
        return queueSize;
    }

    /** @return how long one write to a subscriber may take; {@link Duration#ZERO} when unbounded. */
    public Duration dispatchTimeout() {
        return dispatchTimeout;
    }

    /** @return {@code auto}, {@code 7} or {@code 8}. */
    public String protocolVersion() {
        return protocolVersion;
    }

    public Duration subscriberTokenTtl() {
        return subscriberTokenTtl;
    }

    /** @return how long an external hub is given to connect and to answer a publication. */
    public Duration hubTimeout() {
        return hubTimeout;
    }

    /** @return the value of {@code key} as a whole number from min to max (for the other settings of this package) */
    long wholeNumber(Key key, long min, long max) {
        return ConfigValues.wholeNumber(key, raw.get(key), min, max);
    }
}
