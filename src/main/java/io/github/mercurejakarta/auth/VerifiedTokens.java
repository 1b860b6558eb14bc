package io.github.mercurejakarta.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenVerifier} with a bounded cache of the tokens it accepted: a publisher sends the same token
 * with every update, and verifying it (base64, two JSON parses, an HMAC or a signature check) costs more
 * than the rest of a publish. Thread-safe.
 *
 * <pre>{@code
 * VerifiedTokens publishers = new VerifiedTokens(new TokenVerifier(key, issuer), VerifiedTokens.DEFAULT_SIZE);
 * Grants g = publishers.verify(token, new VerificationContext(audience, hubUrl, Instant.now()));
 * }</pre>
 *
 * <p>What is cached and when it is used again:
 * <ul>
 *   <li>Only successes: a refused token is verified (and refused, with its reason) every time.</li>
 *   <li>Keyed by the token string and the context's audience and hub URL (draft-08 checks {@code aud}
 *       against the audience and resolves URL patterns against the hub URL); one cache per verifier, hence
 *       per key, issuer and dialect rule set.</li>
 *   <li>A hit is used only while {@code now} is before the token's {@code exp} and not before the time it
 *       was verified (when {@code nbf} had passed): a token past {@code exp}, or a clock that went back, is
 *       verified again, so the verifier's answer (and message) is the one given.</li>
 *   <li>At most {@code maxEntries} tokens of at most {@value #MAX_CACHED_TOKEN_LENGTH} characters; when
 *       full, expired entries are dropped, and if none was, the whole cache.</li>
 *   <li>With a JWK Set, a hit is used only while the set holds the keys it held at the verification: once a
 *       fetch brings other keys (a rotation, a revoked key), every token is verified again.</li>
 * </ul>
 */
public final class VerifiedTokens {

    /** Entries kept by default: the publishers and recent subscribers of one hub. */
    public static final int DEFAULT_SIZE = 1024;
    /** Longer tokens (legal up to {@link TokenVerifier#MAX_TOKEN_LENGTH}) are verified every time. */
    public static final int MAX_CACHED_TOKEN_LENGTH = 4096;

    private record Key(String token, String audience, String hubUrl) {
    }

    private record Entry(Grants grants, Instant verifiedAt, Instant expiresAt, long keysGeneration) {
        boolean usableAt(Instant now) {
            return !now.isBefore(verifiedAt) && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final TokenVerifier verifier;
    private final int maxEntries;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    /** @param maxEntries at most this many tokens are kept (0: no cache) */
    public VerifiedTokens(TokenVerifier verifier, int maxEntries) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries < 0");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Verifies {@code token} in {@code context}, or answers the grants of an earlier verification that
     * still holds.
     *
     * @throws InvalidTokenException as {@link TokenVerifier#verify} does
     */
    public Grants verify(String token, VerificationContext context) throws InvalidTokenException {
        if (maxEntries == 0 || token == null || token.length() > MAX_CACHED_TOKEN_LENGTH) {
            return verifier.verify(token, context);
        }
        Key key = new Key(token, context.audience(), context.hubUrl());
        Entry hit = cache.get(key);
        if (hit != null) {
            if (hit.usableAt(context.now()) && hit.keysGeneration() == verifier.keysGeneration()) {
                return hit.grants();
            }
            cache.remove(key, hit);
        }
        long generation = verifier.keysGeneration();
        Grants grants = verifier.verify(token, context);
        if (cache.size() >= maxEntries) {
            evict(context.now());
        }
        cache.put(key, new Entry(grants, context.now(), grants.expiresAt().orElse(null), generation));
        return grants;
    }

    /** @return the verifier behind the cache */
    public TokenVerifier verifier() {
        return verifier;
    }

    /** @return the number of tokens held (for tests and diagnostics) */
    public int size() {
        return cache.size();
    }

    private void evict(Instant now) {
        for (Iterator<Entry> it = cache.values().iterator(); it.hasNext(); ) {
            if (!it.next().usableAt(now)) {
                it.remove();
            }
        }
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
    }
}
