package io.github.mercurejakarta.auth;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jose4j.keys.HmacKey;

/**
 * The key the hub checks token signatures with, as configured by the operator, together with the
 * JWS algorithms that key admits.
 *
 * <p>The allowlist comes from the key type (see {@link KeyFamily}), never from the token, and
 * {@code none} is never in it. An HMAC secret shorter than 32 bytes is accepted, because real
 * deployments have such secrets, but {@link #isWeak()} lets the hub warn about it.
 *
 * <pre>{@code
 * VerificationKey key = VerificationKey.parse(System.getenv("MERCURE_PUBLISHER_JWT_KEY"));
 * if (key.isWeak()) log.warning("the publisher JWT secret is weak");
 * VerificationKey rsOnly = VerificationKey.parse(pem).restrictedTo("RS256");
 * }</pre>
 */
public final class VerificationKey {

    private final Key key;
    private final KeyFamily family;
    private final Set<String> algorithms;
    private final boolean weak;

    private VerificationKey(Key key, Set<String> algorithms, boolean weak) {
        this.key = key;
        this.family = KeyAlgorithms.familyOf(key);
        this.algorithms = algorithms;
        this.weak = weak;
    }

    /**
     * Reads a configuration value: a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, also PKCS#1
     * {@code RSA PUBLIC KEY} or a {@code CERTIFICATE}) for RSA, EC or EdDSA tokens; anything else
     * is an HMAC secret taken as its UTF-8 bytes.
     *
     * @throws IllegalArgumentException for an empty value, malformed PEM or an unsupported key
     */
    public static VerificationKey parse(String configValue) {
        Objects.requireNonNull(configValue, "configValue");
        if (PemKeyReader.isPem(configValue)) {
            return of(PemKeyReader.publicKey(configValue));
        }
        return hmac(configValue.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC secret given as its UTF-8 bytes (the convention of every Mercure hub). */
    public static VerificationKey hmac(String secret) {
        return hmac(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC secret given as raw bytes. */
    public static VerificationKey hmac(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        Key key = new HmacKey(secret.clone());
        return new VerificationKey(key, KeyAlgorithms.allowedFor(key), HmacSecrets.isWeak(secret));
    }

    /** An RSA (2048 bits or more), EC (P-256/384/521) or EdDSA public key. */
    public static VerificationKey of(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        KeyAlgorithms.checkUsable(publicKey);
        return new VerificationKey(publicKey, KeyAlgorithms.allowedFor(publicKey), false);
    }

    /**
     * Narrows the accepted algorithms, e.g. to the single {@code alg} a hub configuration names.
     *
     * @throws IllegalArgumentException when an algorithm does not fit this key
     */
    public VerificationKey restrictedTo(String... algorithms) {
        return new VerificationKey(key, KeyAlgorithms.restrict(this.algorithms, List.of(algorithms), family), weak);
    }

    /** @return the JWS {@code alg} values a token verified with this key may carry. */
    public Set<String> algorithms() {
        return algorithms;
    }

    public KeyFamily family() {
        return family;
    }

    /**
     * @return true for an HMAC secret shorter than 32 bytes (RFC 7518 §3.2 asks for at least the
     *     hash size) or one copied from public documentation; such tokens still verify
     */
    public boolean isWeak() {
        return weak;
    }

    Key key() {
        return key;
    }

    /** Never prints the secret: configuration objects end up in logs. */
    @Override
    public String toString() {
        return "VerificationKey[" + family + ", " + algorithms + (weak ? ", weak" : "") + "]";
    }
}
