package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.InvalidTokenException.quote;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Verifies publisher and subscriber tokens of both Mercure drafts and turns them into
 * {@link Grants}. Immutable and thread-safe: build one per configured key.
 *
 * <pre>{@code
 * TokenVerifier subscribers = new TokenVerifier(VerificationKey.parse(secret));    // trusts iss "mercure"
 * try {
 *     Grants grants = subscribers.verify(token, VerificationContext.forHub(hubUrl));
 * } catch (InvalidTokenException e) {
 *     // 401 WWW-Authenticate: Bearer error="invalid_token"; log e.getMessage()
 * }
 * }</pre>
 *
 * <h2>Checks, in order</h2>
 * <ol>
 *   <li>At most {@value #MAX_TOKEN_LENGTH} characters, compact JWS serialization (three
 *       base64url parts; JWE and the JSON serialization are refused).</li>
 *   <li>{@code alg} in the key's allowlist ({@link VerificationKey#algorithms()}, or
 *       {@link JwksKeys#ALGORITHMS} with a JWK Set); {@code none} never is. {@code jwk}, {@code jku},
 *       {@code x5u} and {@code x5c} headers are ignored: nothing a token names is ever fetched. With a static
 *       key {@code kid} is ignored too; with a JWK Set it chooses the key among the set's.</li>
 *   <li>The signature.</li>
 *   <li>The dialect, from the {@code typ} header (case-insensitive): {@code at+jwt} or
 *       {@code application/at+jwt} is a draft-08 access token (RFC 9068), anything else draft-07.
 *       Checking it only after the signature means an attacker cannot steer the dialect.</li>
 *   <li>Draft-07: no {@code authorization_details} claim (draft-08 grants without {@code typ at+jwt} make a
 *       malformed draft-08 token, refused); {@code exp} (optional) and {@code nbf}; grants from the {@code mercure} claim, or
 *       from {@code https://mercure.rocks/} which wins when both are present, as in hub 0.24.</li>
 *   <li>Draft-08: {@code exp} (required), {@code nbf}, {@code iss} equal to the trusted issuer,
 *       {@code aud} containing the context's audience; grants from the Mercure entries of
 *       {@code authorization_details} (RFC 9396). One malformed Mercure entry rejects the token.</li>
 * </ol>
 */
public final class TokenVerifier {

    /** The issuer draft-08 tokens must carry unless another one is configured. */
    public static final String DEFAULT_ISSUER = "mercure";
    /** Longer tokens are refused before any parsing: they cost memory and cannot be legitimate. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** The static key, or null when keys come from {@link #jwks}. */
    private final VerificationKey key;
    private final JwksKeys jwks;
    private final String trustedIssuer;

    /** Trusts draft-08 tokens issued by {@value #DEFAULT_ISSUER}. */
    public TokenVerifier(VerificationKey key) {
        this(key, DEFAULT_ISSUER);
    }

    /**
     * @param key           the only key signatures are checked with
     * @param trustedIssuer the exact {@code iss} draft-08 tokens must carry (draft-07 has no issuer rule)
     */
    public TokenVerifier(VerificationKey key, String trustedIssuer) {
        this.key = Objects.requireNonNull(key, "key");
        this.jwks = null;
        this.trustedIssuer = Objects.requireNonNull(trustedIssuer, "trustedIssuer");
    }

    /**
     * Verifies with the keys of a JWK Set, each token's key chosen by its {@code kid}; the algorithms are
     * {@link JwksKeys#ALGORITHMS} (never HMAC or {@code none}).
     *
     * <pre>{@code
     * TokenVerifier v = new TokenVerifier(new JwksKeys(URI.create("https://auth.example.com/jwks.json")), "https://auth.example.com/");
     * }</pre>
     *
     * @param jwks          where the keys come from
     * @param trustedIssuer the exact {@code iss} draft-08 tokens must carry
     */
    public TokenVerifier(JwksKeys jwks, String trustedIssuer) {
        this.key = null;
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.trustedIssuer = Objects.requireNonNull(trustedIssuer, "trustedIssuer");
    }

    /** @return the key set tokens are verified with, when it is a JWK Set */
    public java.util.Optional<JwksKeys> jwks() {
        return java.util.Optional.ofNullable(jwks);
    }

    /** Changes when the keys change (a JWK Set fetched with other keys): cached verifications no longer hold. */
    long keysGeneration() {
        return jwks == null ? 0 : jwks.generation();
    }

    /**
     * @param compactJws the token as received (without the {@code Bearer } prefix)
     * @return what the token allows
     * @throws InvalidTokenException for every reason a token is refused; the message never holds the token
     */
    public Grants verify(String compactJws, VerificationContext context) throws InvalidTokenException {
        Objects.requireNonNull(context, "context");
        checkShape(compactJws);
        try {
            JsonWebSignature jws = verifySignature(compactJws);
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            return isAccessToken(jws) ? draft08(claims, context) : draft07(claims, context);
        } catch (JoseException | InvalidJwtException | MalformedClaimException | RuntimeException e) {
            // Never chain the cause: jose4j messages may quote the token's header or claims.
            throw new InvalidTokenException("malformed token (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Refuses anything that is not three non-empty base64url parts, before jose4j sees it. */
    static void checkShape(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0) {
                    throw new InvalidTokenException("token has an empty part");
                }
                dots++;
                partLength = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                partLength++;
            } else {
                throw new InvalidTokenException("token is not in compact serialization (unexpected character)");
            }
        }
        if (dots == 4) {
            throw new InvalidTokenException("encrypted tokens (JWE) are not accepted");
        }
        if (dots != 2) {
            throw new InvalidTokenException("token is not a compact JWS (" + (dots + 1) + " parts)");
        }
        if (partLength == 0) {
            throw new InvalidTokenException("token is unsigned (empty signature)");
        }
    }

    private JsonWebSignature verifySignature(String token) throws JoseException, InvalidTokenException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        String alg = jws.getAlgorithmHeaderValue();
        if (AlgorithmIdentifiers.NONE.equals(alg)) {
            throw new InvalidTokenException("alg \"none\" is never accepted");
        }
        if (jwks != null) {
            if (alg == null || !JwksKeys.ALGORITHMS.contains(alg)) {
                throw new InvalidTokenException("alg " + quote(alg) + " not allowed with a JWK Set (asymmetric algorithms only)");
            }
            jws.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, JwksKeys.ALGORITHMS.toArray(String[]::new)));
            jws.setKey(jwks.keyFor(jws));
            if (!jws.verifySignature()) {
                throw new InvalidTokenException("signature does not verify with the JWK Set's key");
            }
            return jws;
        }
        if (alg == null || !key.algorithms().contains(alg)) {
            throw new InvalidTokenException("alg " + quote(alg) + " not allowed for the configured "
                    + key.family() + " key " + key.algorithms());
        }
        // Belt and braces: jose4j enforces the same allowlist itself.
        jws.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, key.algorithms().toArray(String[]::new)));
        jws.setKey(key.key());
        // jose4j refuses HMAC secrets shorter than the hash; real hubs have such secrets, and
        // VerificationKey.isWeak() reports them instead. Asymmetric keys keep jose4j's checks
        // (RSA size, EC curve matching the alg).
        jws.setDoKeyValidation(key.family() != KeyFamily.HMAC);
        if (!jws.verifySignature()) {
            throw new InvalidTokenException("signature does not verify with the configured key");
        }
        return jws;
    }

    private static boolean isAccessToken(JsonWebSignature jws) throws InvalidTokenException {
        Object typ = jws.getHeaders().getObjectHeaderValue("typ");
        if (typ == null) {
            return false;
        }
        if (!(typ instanceof String type)) {
            throw new InvalidTokenException("typ header is not a string");
        }
        return ClaimNames.ACCESS_TOKEN_TYPE.equalsIgnoreCase(type)
                || ClaimNames.ACCESS_TOKEN_MEDIA_TYPE.equalsIgnoreCase(type);
    }

    private static Grants draft07(JwtClaims claims, VerificationContext context)
            throws InvalidTokenException, MalformedClaimException {
        Map<String, Object> all = claims.getClaimsMap();
        if (all.containsKey(ClaimNames.AUTHORIZATION_DETAILS)) {
            // draft-08 grants in a token not typed as an access token: a malformed draft-08 token, not a draft-07
            // one without grants (which would answer 403 and hide the issuer's mistake)
            throw new InvalidTokenException("authorization_details (draft-08) in a token whose typ is not at+jwt");
        }
        Instant exp = checkTimes(claims, context.now(), false);
        Object claim = all.get(ClaimNames.MERCURE_NAMESPACED);
        if (claim == null) {
            claim = all.get(ClaimNames.MERCURE);
        }
        if (claim == null) {
            return Grants.draft07(exp, claims.getSubject(), List.of(), null);
        }
        if (!(claim instanceof Map<?, ?> mercure)) {
            throw new InvalidTokenException("mercure claim is not an object");
        }
        return Grants.draft07(exp, claims.getSubject(), GrantReader.draft07(mercure),
                GrantReader.freeze(mercure.get(ClaimNames.PAYLOAD)));
    }

    private Grants draft08(JwtClaims claims, VerificationContext context)
            throws InvalidTokenException, MalformedClaimException {
        Instant exp = checkTimes(claims, context.now(), true);
        String iss = claims.getIssuer();
        if (!trustedIssuer.equals(iss)) {
            throw new InvalidTokenException("iss " + quote(iss) + " is not the trusted issuer");
        }
        List<String> aud = claims.hasAudience() ? claims.getAudience() : List.of();
        if (!aud.contains(context.audience())) {
            throw new InvalidTokenException("aud does not contain this hub's resource identifier");
        }
        List<Grant> grants = GrantReader.draft08(claims.getClaimValue(ClaimNames.AUTHORIZATION_DETAILS), context.hubUrl());
        return Grants.draft08(exp, claims.getSubject(), grants);
    }

    /** @return {@code exp}, or null when it is absent and not required */
    private static Instant checkTimes(JwtClaims claims, Instant now, boolean expRequired)
            throws InvalidTokenException, MalformedClaimException {
        NumericDate exp = claims.getExpirationTime();
        NumericDate nbf = claims.getNotBefore();
        Instant expiresAt = null;
        if (exp == null) {
            if (expRequired) {
                throw new InvalidTokenException("exp is required in access tokens");
            }
        } else {
            expiresAt = Instant.ofEpochSecond(exp.getValue());
            // RFC 7519 §4.1.4: the token must not be accepted on or after exp.
            if (!now.isBefore(expiresAt)) {
                throw new InvalidTokenException("token expired at " + expiresAt);
            }
        }
        if (nbf != null && now.isBefore(Instant.ofEpochSecond(nbf.getValue()))) {
            throw new InvalidTokenException("token not valid before " + Instant.ofEpochSecond(nbf.getValue()));
        }
        return expiresAt;
    }
}
