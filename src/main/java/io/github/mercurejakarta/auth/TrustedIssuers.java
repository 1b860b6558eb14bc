package io.github.mercurejakarta.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Several authorization servers trusted by one hub (draft-08 allows it), each with its own {@code iss}, keys
 * (static or a JWK Set) and audience: a token goes to the verifier of the issuer its {@code iss} names, and a
 * token naming none of them to the hub's own verifier. Thread-safe.
 *
 * <pre>{@code
 * TrustedIssuers subscribers = new TrustedIssuers(ownVerifiedTokens)
 *         .trust("https://login.example.com/", new VerifiedTokens(new TokenVerifier(jwks, "https://login.example.com/"), 1024),
 *                Optional.of("urn:mercure:hub"));
 * Grants g = subscribers.verify(token, VerificationContext.forHub(hubUrl));
 * }</pre>
 *
 * <p>Choosing the verifier by a claim read before the signature is checked is safe because each verifier
 * accepts only tokens carrying its own issuer (draft-08 checks {@code iss}; so does this class for draft-07
 * tokens, which have no issuer rule of their own): a token cannot borrow another issuer's keys by naming it.
 */
public final class TrustedIssuers {

    private record Trusted(VerifiedTokens tokens, Optional<String> audience) {
    }

    private final VerifiedTokens own;
    private final Map<String, Trusted> byIssuer = new LinkedHashMap<>();

    /** @param own verifies tokens whose {@code iss} names no further issuer (null: those are refused) */
    public TrustedIssuers(VerifiedTokens own) {
        this.own = own;
    }

    /**
     * Trusts {@code issuer}: tokens with that exact {@code iss} are verified by {@code tokens} only.
     *
     * @param audience the audience its draft-08 tokens must contain; empty: the context's
     * @return this
     */
    public TrustedIssuers trust(String issuer, VerifiedTokens tokens, Optional<String> audience) {
        Objects.requireNonNull(issuer, "issuer");
        if (byIssuer.putIfAbsent(issuer, new Trusted(Objects.requireNonNull(tokens, "tokens"), audience)) != null) {
            throw new IllegalArgumentException("issuer " + issuer + " is already trusted");
        }
        return this;
    }

    /** @return true when there is no verifier at all: every token is refused */
    public boolean isEmpty() {
        return own == null && byIssuer.isEmpty();
    }

    /** @return every verifier: the hub's own (if any) first, then one per trusted issuer */
    public java.util.List<VerifiedTokens> verifiers() {
        java.util.List<VerifiedTokens> all = new java.util.ArrayList<>();
        if (own != null) {
            all.add(own);
        }
        byIssuer.values().forEach(t -> all.add(t.tokens()));
        return all;
    }

    /**
     * @return the grants of {@code token}, verified by the verifier of its issuer
     * @throws InvalidTokenException as {@link TokenVerifier#verify} does, or when no verifier takes the token
     */
    public Grants verify(String token, VerificationContext context) throws InvalidTokenException {
        if (byIssuer.isEmpty()) {
            return own(token, context);
        }
        String iss = unverifiedIssuer(token);
        Trusted trusted = iss == null ? null : byIssuer.get(iss);
        if (trusted == null) {
            return own(token, context);
        }
        VerificationContext ctx = trusted.audience()
                .map(a -> new VerificationContext(a, context.hubUrl(), context.now())).orElse(context);
        // draft-07 has no issuer rule of its own: the token came here for its iss, which the signature now covers
        return trusted.tokens().verify(token, ctx);
    }

    private Grants own(String token, VerificationContext context) throws InvalidTokenException {
        if (own == null) {
            throw new InvalidTokenException("the token's issuer is not trusted");
        }
        return own.verify(token, context);
    }

    /** @return the {@code iss} the (not yet verified) token claims, or null */
    static String unverifiedIssuer(String token) throws InvalidTokenException {
        TokenVerifier.checkShape(token);
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            Object iss = JsonUtil.parseJson(new String(json, StandardCharsets.UTF_8)).get("iss");
            return iss instanceof String s ? s : null;
        } catch (IllegalArgumentException | JoseException | ClassCastException e) {
            throw new InvalidTokenException("malformed token (" + e.getClass().getSimpleName() + ")");
        }
    }
}
