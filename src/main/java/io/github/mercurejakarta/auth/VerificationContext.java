package io.github.mercurejakarta.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a token is checked against besides the key: the audience the hub expects in draft-08
 * tokens (its resource identifier, RFC 9068 §4), the hub URL that relative URL Patterns resolve
 * against, and the current time.
 *
 * <pre>{@code
 * VerificationContext ctx = VerificationContext.forHub("https://example.com/.well-known/mercure");
 * Grants grants = verifier.verify(token, ctx);
 * }</pre>
 *
 * @param audience the value a draft-08 token's {@code aud} must contain
 * @param hubUrl   absolute hub URL, the base of relative URL Patterns
 * @param now      the instant {@code exp} and {@code nbf} are compared with
 */
public record VerificationContext(String audience, String hubUrl, Instant now) {

    public VerificationContext {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(hubUrl, "hubUrl");
        Objects.requireNonNull(now, "now");
    }

    /** The common case: the hub URL is also the audience, and the time is now. */
    public static VerificationContext forHub(String hubUrl) {
        return new VerificationContext(hubUrl, hubUrl, Instant.now());
    }

    /** @return the same context at another instant (tests, or re-checking a token later). */
    public VerificationContext at(Instant instant) {
        return new VerificationContext(audience, hubUrl, instant);
    }
}
