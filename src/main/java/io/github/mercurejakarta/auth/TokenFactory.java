package io.github.mercurejakarta.auth;

import io.github.mercurejakarta.protocol.Json;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints Mercure tokens of either draft: for applications that hand tokens to their browsers, for
 * the standalone hub's start-up banner, and for tests.
 *
 * <pre>{@code
 * TokenFactory tokens = new TokenFactory();
 * SigningKey key = SigningKey.hmac(secret);
 * // draft-07: {"mercure":{"publish":["*"]},"exp":...}
 * String legacy = tokens.draft07(key, List.of("*"), null, null, Duration.ofHours(1));
 * // draft-08: typ at+jwt, iss/aud/exp/iat/jti/sub/client_id + authorization_details
 * String access = tokens.draft08(key, "mercure", "https://example.com/.well-known/mercure", "alice",
 *         List.of(), List.of(TopicGrant.urlPattern("/books/:id")), Map.of("user", "alice"),
 *         Duration.ofMinutes(15));
 * }</pre>
 */
public final class TokenFactory {

    private final Clock clock;

    /** Uses the system clock for {@code iat} and {@code exp}. */
    public TokenFactory() {
        this(Clock.systemUTC());
    }

    /** Uses {@code clock} for {@code iat} and {@code exp} (tests mint expired or future tokens with it). */
    public TokenFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Mints a draft-07 token: {@code {"mercure":{"publish":[...],"subscribe":[...],"payload":...},"exp":...}}
     * with header {@code typ: JWT}, signed with {@link SigningKey#algorithm()}.
     *
     * @param publish   draft-07 selectors ({@code *}, topics, URI templates); null omits the list
     * @param subscribe same, for subscriptions; null omits the list
     * @param payload   any JSON value (Map, List, String, Number, Boolean); null omits it
     * @param ttl       lifetime; null mints a token without {@code exp}, which draft-07 allows
     */
    public String draft07(SigningKey key, List<String> publish, List<String> subscribe, Object payload, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> mercure = new LinkedHashMap<>();
        if (publish != null) {
            mercure.put(ClaimNames.PUBLISH, List.copyOf(publish));
        }
        if (subscribe != null) {
            mercure.put(ClaimNames.SUBSCRIBE, List.copyOf(subscribe));
        }
        if (payload != null) {
            mercure.put(ClaimNames.PAYLOAD, payload);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(ClaimNames.MERCURE, mercure);
        if (ttl != null) {
            claims.put("exp", clock.instant().plus(ttl).getEpochSecond());
        }
        return sign(key, "JWT", claims);
    }

    /**
     * Mints a draft-08 access token (RFC 9068, header {@code typ: at+jwt}) carrying {@code iss},
     * {@code aud}, {@code exp}, {@code iat}, a random {@code jti}, {@code sub},
     * {@code client_id} (the issuer, as the reference {@code mercure-token} command does) and
     * {@code authorization_details} with one Mercure detail per non-empty grant list: a publish
     * detail, then a subscribe detail carrying {@code payload}.
     *
     * @param subject   the {@code sub} claim; null mints a random {@code urn:uuid:}
     * @param payload   a JSON object (Map) attached to the subscribe detail; null for none
     * @param ttl       lifetime, required and positive (draft-08 tokens must expire)
     * @throws IllegalArgumentException for a missing or non-positive ttl, or a non-object payload
     */
    public String draft08(SigningKey key, String issuer, String audience, String subject, List<TopicGrant> publish,
            List<TopicGrant> subscribe, Object payload, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("draft-08 access tokens need a positive ttl");
        }
        if (payload != null && !(payload instanceof Map)) {
            throw new IllegalArgumentException("a draft-08 payload must be a JSON object (Map)");
        }
        List<Map<String, Object>> details = new ArrayList<>(2);
        if (publish != null && !publish.isEmpty()) {
            details.add(detail(ClaimNames.PUBLISH, publish, null));
        }
        if (subscribe != null && !subscribe.isEmpty()) {
            details.add(detail(ClaimNames.SUBSCRIBE, subscribe, payload));
        }
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject != null ? subject : "urn:uuid:" + UUID.randomUUID());
        claims.put(ClaimNames.CLIENT_ID, issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", "urn:uuid:" + UUID.randomUUID());
        claims.put(ClaimNames.AUTHORIZATION_DETAILS, details);
        return sign(key, ClaimNames.ACCESS_TOKEN_TYPE, claims);
    }

    private static Map<String, Object> detail(String action, List<TopicGrant> grants, Object payload) {
        List<Map<String, Object>> topics = new ArrayList<>(grants.size());
        for (TopicGrant grant : grants) {
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put(ClaimNames.MATCH, grant.match());
            topic.put(ClaimNames.MATCH_TYPE, grant.matchType());
            topics.add(topic);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(ClaimNames.TYPE, ClaimNames.MERCURE_DETAIL_TYPE);
        detail.put(ClaimNames.ACTIONS, List.of(action));
        detail.put(ClaimNames.TOPICS, topics);
        if (payload != null) {
            detail.put(ClaimNames.PAYLOAD, payload);
        }
        return detail;
    }

    private static String sign(SigningKey key, String type, Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", type);
        key.keyId().ifPresent(jws::setKeyIdHeaderValue);
        jws.setPayload(Json.write(claims));
        jws.setKey(key.key());
        // Same reason as in TokenVerifier: short HMAC secrets exist, SigningKey.isWeak() reports them.
        jws.setDoKeyValidation(key.family() != KeyFamily.HMAC);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with " + key + ": " + e.getMessage(), e);
        }
    }
}
