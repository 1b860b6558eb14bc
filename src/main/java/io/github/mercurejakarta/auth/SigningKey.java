package io.github.mercurejakarta.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.keys.HmacKey;

/**
 * The key {@link TokenFactory} mints tokens with, and the JWS algorithm it signs with.
 *
 * <p>The default algorithm is the key's natural one: HS256 for a secret, RS256 for RSA, the
 * curve's ES* for EC, EdDSA for Ed25519/Ed448; {@link #withAlgorithm(String)} picks another one
 * the key admits (HS512, PS256, ...).
 *
 * <pre>{@code
 * SigningKey key = SigningKey.parse(System.getenv("MERCURE_JWT_SECRET"));   // secret or PEM private key
 * SigningKey es = SigningKey.of(keyPair);                                    // verificationKey() present
 * }</pre>
 */
public final class SigningKey {

    private final Key key;
    private final KeyFamily family;
    private final String algorithm;
    private final PublicKey publicKey;
    private final boolean weak;
    private final String keyId;

    private SigningKey(Key key, String algorithm, PublicKey publicKey, boolean weak) {
        this(key, algorithm, publicKey, weak, null);
    }

    private SigningKey(Key key, String algorithm, PublicKey publicKey, boolean weak, String keyId) {
        this.key = key;
        this.family = KeyAlgorithms.familyOf(key);
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.weak = weak;
        this.keyId = keyId;
    }

    /**
     * Reads a configuration value: a PEM private key ({@code -----BEGIN PRIVATE KEY-----} PKCS#8, or
     * PKCS#1 {@code RSA PRIVATE KEY}); anything else is an HMAC secret taken as its UTF-8 bytes.
     *
     * @throws IllegalArgumentException for an empty value, malformed PEM or an unsupported key
     */
    public static SigningKey parse(String configValue) {
        Objects.requireNonNull(configValue, "configValue");
        if (PemKeyReader.isPem(configValue)) {
            return of(PemKeyReader.privateKey(configValue));
        }
        return hmac(configValue.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC secret given as its UTF-8 bytes; signs HS256. */
    public static SigningKey hmac(String secret) {
        return hmac(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC secret given as raw bytes; signs HS256. */
    public static SigningKey hmac(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the HMAC secret is empty");
        }
        Key key = new HmacKey(secret.clone());
        return new SigningKey(key, first(key), null, HmacSecrets.isWeak(secret));
    }

    /**
     * An RSA, EC or EdDSA private key. For an RSA CRT key (what every PEM holds) the public half is
     * derived, so {@link #verificationKey()} is present; for EC and EdDSA use {@link #of(KeyPair)}.
     */
    public static SigningKey of(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        KeyAlgorithms.checkUsable(privateKey);
        return new SigningKey(privateKey, first(privateKey), derivePublic(privateKey), false);
    }

    /** A key pair: signs with the private half, {@link #verificationKey()} is the public half. */
    public static SigningKey of(KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        KeyAlgorithms.checkUsable(keyPair.getPrivate());
        return new SigningKey(keyPair.getPrivate(), first(keyPair.getPrivate()), keyPair.getPublic(), false);
    }

    /**
     * @return the same key signing with {@code jwsAlgorithm}
     * @throws IllegalArgumentException when the key cannot use that algorithm (e.g. RS256 with a secret)
     */
    public SigningKey withAlgorithm(String jwsAlgorithm) {
        KeyAlgorithms.restrict(KeyAlgorithms.allowedFor(key), List.of(jwsAlgorithm), family);
        return new SigningKey(key, jwsAlgorithm, publicKey, weak, keyId);
    }

    /**
     * @return the same key, its tokens carrying {@code kid} in their header, so that a hub verifying with a
     *     JWK Set ({@link JwksKeys}) picks the matching key
     * @throws IllegalArgumentException for an empty key id
     */
    public SigningKey withKeyId(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("the key id (kid) is empty");
        }
        return new SigningKey(key, algorithm, publicKey, weak, kid);
    }

    /** @return the {@code kid} header this key's tokens carry, if any */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** @return the JWS {@code alg} this key signs with. */
    public String algorithm() {
        return algorithm;
    }

    public KeyFamily family() {
        return family;
    }

    /** @return true for an HMAC secret shorter than 32 bytes or copied from public documentation. */
    public boolean isWeak() {
        return weak;
    }

    /**
     * @return the key that verifies this key's tokens (the same secret for HMAC, the public half
     *     when known); empty for a bare EC or EdDSA private key
     */
    public Optional<VerificationKey> verificationKey() {
        if (family == KeyFamily.HMAC) {
            return Optional.of(VerificationKey.hmac(key.getEncoded()));
        }
        return Optional.ofNullable(publicKey).map(VerificationKey::of);
    }

    Key key() {
        return key;
    }

    /** Never prints the key material. */
    @Override
    public String toString() {
        return "SigningKey[" + family + ", " + algorithm + (keyId != null ? ", kid " + keyId : "") + (weak ? ", weak" : "") + "]";
    }

    private static String first(Key key) {
        return KeyAlgorithms.allowedFor(key).iterator().next();
    }

    private static PublicKey derivePublic(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey crt) {
            try {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
        // Deriving an EC or EdDSA public key needs curve arithmetic the JDK does not expose.
        return null;
    }
}
