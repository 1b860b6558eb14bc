package io.github.mercurejakarta.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The verification keys published at a JWK Set URL (RFC 7517), as an authorization server rotates them:
 * a token's key is chosen by its {@code kid}. Built on jose4j's {@link HttpsJwks} and
 * {@link HttpsJwksVerificationKeyResolver}, bounded so that neither a misconfigured server nor forged
 * tokens can make the hub hammer the endpoint or block for long. Thread-safe; one instance per URL.
 *
 * <pre>{@code
 * JwksKeys keys = new JwksKeys(URI.create("https://auth.example.com/.well-known/jwks.json"));
 * keys.refresh();                                        // at start: fetch once, never throws
 * TokenVerifier publishers = new TokenVerifier(keys, "https://auth.example.com/");
 * JwksKeys.Status s = keys.status();                     // for readiness: keys held, last error
 * }</pre>
 *
 * <ul>
 *   <li><b>Algorithms</b>: RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA ({@link #ALGORITHMS});
 *       never HMAC (a public key set holds no secrets) nor {@code none}. jose4j checks that the chosen
 *       key fits the algorithm (RSA of 2048 bits or more, the EC curve of the ES variant).</li>
 *   <li><b>Cache</b>: the set is kept for the response's {@code Cache-Control: max-age} (or
 *       {@code Expires}), clamped to [{@link Settings#minCacheLife()}, {@link Settings#maxCacheLife()}];
 *       without either header, {@link Settings#defaultCacheLife()}. An expired set is fetched again at the
 *       next token; while one thread fetches, the others go on with the keys held.</li>
 *   <li><b>Unknown {@code kid}</b>: the set is fetched again at once (a rotation), then the token is
 *       refused if its key is still missing.</li>
 *   <li><b>Rate limit</b>: at most one request to the endpoint per {@link Settings#minRefreshInterval()},
 *       whatever triggers it; a flood of tokens naming random key ids costs one request per interval.</li>
 *   <li><b>Endpoint down</b>: the keys held stay in use (tried again each interval); {@link #status()} says
 *       the last fetch failed. With no keys held at all, every token is refused.</li>
 *   <li><b>Bounded requests</b>: connect and read timeouts ({@link Settings#timeout()}), no retries, at most
 *       {@value #MAX_BODY_BYTES} bytes, a 200 with a JSON key set or it counts as a failure.</li>
 * </ul>
 */
public final class JwksKeys {

    /** The JWS algorithms a JWK Set key may verify. */
    public static final Set<String> ALGORITHMS = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);
    /** A bigger key set is refused: real ones hold a few keys, a few KiB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(JwksKeys.class.getName());

    /**
     * How a key set is fetched and kept.
     *
     * @param defaultCacheLife   how long a set is kept when its response says nothing about caching
     * @param minCacheLife       a shorter {@code max-age} (including 0 and {@code no-store}) is raised to this
     * @param maxCacheLife       a longer one is lowered to this, so that a rotation is seen in time
     * @param minRefreshInterval at most one request to the endpoint per this interval (0: no limit, tests only)
     * @param timeout            connect timeout, and read timeout, of one request
     */
    public record Settings(Duration defaultCacheLife, Duration minCacheLife, Duration maxCacheLife,
                           Duration minRefreshInterval, Duration timeout) {

        /** 5 minutes by default, within [1 minute, 1 day]; one request per 10 s at most; 5 s timeouts. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofDays(1), Duration.ofSeconds(10), Duration.ofSeconds(5));

        public Settings {
            Objects.requireNonNull(defaultCacheLife, "defaultCacheLife");
            Objects.requireNonNull(minCacheLife, "minCacheLife");
            Objects.requireNonNull(maxCacheLife, "maxCacheLife");
            Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
            Objects.requireNonNull(timeout, "timeout");
            if (minCacheLife.isNegative() || maxCacheLife.compareTo(minCacheLife) < 0
                    || defaultCacheLife.compareTo(minCacheLife) < 0 || defaultCacheLife.compareTo(maxCacheLife) > 0) {
                throw new IllegalArgumentException("expected minCacheLife <= defaultCacheLife <= maxCacheLife");
            }
            if (minRefreshInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("minRefreshInterval must be >= 0 and timeout > 0");
            }
        }

        /** @return these settings with another rate limit */
        public Settings withMinRefreshInterval(Duration interval) {
            return new Settings(defaultCacheLife, minCacheLife, maxCacheLife, interval, timeout);
        }
    }

    /**
     * What readiness reports about one key set.
     *
     * @param url         where it is fetched
     * @param keyIds      the {@code kid} of each key held (keys without one are counted as "")
     * @param fetchedAt   the last successful fetch, or null
     * @param freshUntil  when the keys held are fetched again at the next token (fetchedAt + the clamped
     *                    cache life), or null
     * @param failedAt    the last failed fetch if it came after the last success, or null
     * @param lastError   why that fetch failed, or null
     */
    public record Status(String url, List<String> keyIds, Instant fetchedAt, Instant freshUntil, Instant failedAt,
                         String lastError) {

        /** @return true when tokens can be verified: some keys are held (even if the last fetch failed) */
        public boolean usable() {
            return !keyIds.isEmpty();
        }

        /** @return true when the endpoint answered the last fetch */
        public boolean reachable() {
            return failedAt == null && fetchedAt != null;
        }
    }

    private final String url;
    private final Settings settings;
    private final Clock clock;
    private final HttpsJwks jwks;
    private final HttpsJwksVerificationKeyResolver resolver;
    private final Object statusLock = new Object();
    /** Bumped when a fetch brings a different set, so that tokens accepted with a removed key are checked again. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Instant lastAttempt;
    private volatile Instant fetchedAt;
    private volatile Instant freshUntil;
    private volatile Instant failedAt;
    private volatile String lastError;
    private volatile String lastBody;
    private volatile List<String> keyIds = List.of();

    /** Keys from {@code url} with {@link Settings#DEFAULTS}. */
    public JwksKeys(URI url) {
        this(url, Settings.DEFAULTS);
    }

    public JwksKeys(URI url, Settings settings) {
        this(url, settings, Clock.systemUTC());
    }

    JwksKeys(URI url, Settings settings, Clock clock) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("a JWK Set URL must be an absolute http(s) URL, got " + url);
        }
        this.url = url.toString();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Get get = new Get();
        get.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
        get.setReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
        // jose4j retries three times with growing waits by default: a request thread would wait seconds
        get.setRetries(0);
        get.setResponseBodySizeLimit(MAX_BODY_BYTES);
        this.jwks = new HttpsJwks(this.url);
        this.jwks.setSimpleHttpGet(new BoundedGet(get));
        this.jwks.setDefaultCacheDuration(settings.defaultCacheLife().toSeconds());
        // keys held are kept when a fetch fails; this is how long until the next try
        this.jwks.setRetainCacheOnErrorDuration(Math.max(1000, settings.minRefreshInterval().toMillis()));
        // jose4j's own reprieve (on its wall clock, and only while keys are held) is replaced by BoundedGet's limit
        this.jwks.setRefreshReprieveThreshold(0);
        this.resolver = new HttpsJwksVerificationKeyResolver(jwks);
    }

    /**
     * Fetches the set now (subject to the rate limit). Never throws: a failure is in {@link #status()} and logged.
     *
     * @return true when the keys held are now fresh from the endpoint
     */
    public boolean refresh() {
        try {
            jwks.refresh();
            return failedAt == null;
        } catch (IOException | JoseException | RuntimeException e) {
            return false;
        }
    }

    /** @return the keys held and how the last fetches went */
    public Status status() {
        synchronized (statusLock) {
            return new Status(url, keyIds, fetchedAt, freshUntil, failedAt, lastError);
        }
    }

    /** @return the URL the keys are fetched from */
    public String url() {
        return url;
    }

    /** Changes whenever a fetch brings a key set different from the one held before. */
    long generation() {
        return generation.get();
    }

    /**
     * @return the key {@code jws} names, fetching the set again (rate-limited) when it names none held
     * @throws InvalidTokenException when no key of the set fits
     */
    java.security.Key keyFor(JsonWebSignature jws) throws InvalidTokenException {
        try {
            return resolver.resolveKey(jws, List.of());
        } catch (UnresolvableKeyException e) {
            // not chained: jose4j's message quotes the token's header
            String kid = jws.getKeyIdHeaderValue();
            throw new InvalidTokenException((kid == null ? "no kid, and no single key" : "no key with that kid")
                    + " of the JWK Set " + url + " fits the token (" + jws.getAlgorithmHeaderValue() + ")");
        }
    }

    @Override
    public String toString() {
        return "JwksKeys[" + url + "]";
    }

    /**
     * jose4j's HTTP GET with what HttpsJwks lacks: the rate limit, a status and body check, the cache-life
     * clamp, and the record of successes and failures that readiness reads.
     */
    private final class BoundedGet implements SimpleGet {
        private final SimpleGet delegate;

        BoundedGet(SimpleGet delegate) {
            this.delegate = delegate;
        }

        @Override
        public SimpleResponse get(String location) throws IOException {
            Instant now = clock.instant();
            synchronized (statusLock) {
                Instant last = lastAttempt;
                if (last != null && now.isBefore(last.plus(settings.minRefreshInterval()))) {
                    throw new IOException("not fetched again before " + last.plus(settings.minRefreshInterval())
                            + " (at most one request per " + settings.minRefreshInterval().toSeconds() + " s)");
                }
                lastAttempt = now;
            }
            SimpleResponse response;
            List<String> ids;
            try {
                response = delegate.get(location);
                if (response.getStatusCode() != 200) {
                    throw new IOException("HTTP " + response.getStatusCode() + " " + response.getStatusMessage());
                }
                ids = keyIds(response.getBody());
            } catch (IOException | RuntimeException e) {
                failed(now, e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            long life = cacheLife(response);
            succeeded(now, ids, response.getBody(), now.plusSeconds(life));
            return new ClampedResponse(response, life);
        }

        private List<String> keyIds(String body) throws IOException {
            try {
                List<String> ids = new ArrayList<>();
                for (JsonWebKey k : new JsonWebKeySet(body).getJsonWebKeys()) {
                    ids.add(k.getKeyId() == null ? "" : k.getKeyId());
                }
                if (ids.isEmpty()) {
                    throw new IOException("the key set holds no key jose4j can use");
                }
                return List.copyOf(ids);
            } catch (JoseException e) {
                throw new IOException("not a JWK Set (" + e.getMessage() + ")");
            }
        }

        /** The cache life jose4j would take from the headers, within the bounds. */
        private long cacheLife(SimpleResponse response) {
            Duration declared = Duration.ofSeconds(Math.max(0, maxAge(response)));
            if (maxAge(response) < 0) {
                declared = settings.defaultCacheLife();
            }
            if (declared.compareTo(settings.minCacheLife()) < 0) {
                declared = settings.minCacheLife();
            }
            if (declared.compareTo(settings.maxCacheLife()) > 0) {
                declared = settings.maxCacheLife();
            }
            return declared.toSeconds();
        }

        /** @return Cache-Control max-age in seconds, 0 for no-cache/no-store, -1 when not given */
        private long maxAge(SimpleResponse response) {
            for (String name : response.getHeaderNames()) {
                if (name == null || !name.equalsIgnoreCase("Cache-Control")) {
                    continue;
                }
                for (String value : response.getHeaderValues(name)) {
                    for (String directive : value.split(",")) {
                        String d = directive.trim().toLowerCase(Locale.ROOT);
                        if (d.equals("no-cache") || d.equals("no-store")) {
                            return 0;
                        }
                        if (d.startsWith("max-age=")) {
                            try {
                                return Math.max(0, Long.parseLong(d.substring(8).replace("\"", "").trim()));
                            } catch (NumberFormatException e) {
                                return -1;
                            }
                        }
                    }
                }
            }
            return -1;
        }
    }

    private void succeeded(Instant now, List<String> ids, String body, Instant fresh) {
        boolean recovered;
        boolean changed;
        synchronized (statusLock) {
            recovered = failedAt != null && fetchedAt != null;
            changed = !body.equals(lastBody);
            fetchedAt = now;
            freshUntil = fresh;
            failedAt = null;
            lastError = null;
            lastBody = body;
            keyIds = ids;
        }
        if (changed) {
            generation.incrementAndGet();
        }
        if (changed || recovered) {
            LOG.log(Level.INFO, "MERCURE0902I JWK Set {0}: {1} key(s) {2}{3}", new Object[] {url, ids.size(),
                    new TreeSet<>(ids), recovered ? ", reachable again" : ""});
        }
    }

    private void failed(Instant now, String why) {
        boolean first;
        synchronized (statusLock) {
            first = failedAt == null;
            failedAt = now;
            lastError = why;
        }
        // once per outage, not per retry
        if (first) {
            LOG.log(Level.WARNING, "MERCURE0901W cannot fetch the JWK Set {0}: {1}; {2}", new Object[] {url, why,
                    keyIds.isEmpty() ? "no key is held, so every token is refused"
                            : "tokens are verified with the " + keyIds.size() + " key(s) held"});
        }
    }

    /** A response whose caching headers say the clamped life, in the form jose4j reads. */
    private record ClampedResponse(SimpleResponse response, long cacheLifeSeconds) implements SimpleResponse {
        @Override
        public int getStatusCode() {
            return response.getStatusCode();
        }

        @Override
        public String getStatusMessage() {
            return response.getStatusMessage();
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.of("Cache-Control");
        }

        @Override
        public List<String> getHeaderValues(String name) {
            return "Cache-Control".equalsIgnoreCase(name) ? List.of("max-age=" + cacheLifeSeconds) : List.of();
        }

        @Override
        public String getBody() {
            return response.getBody();
        }
    }
}
