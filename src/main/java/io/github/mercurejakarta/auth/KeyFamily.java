package io.github.mercurejakarta.auth;

/**
 * The kind of key a token is signed or verified with. The family, never the token's own
 * {@code alg} header, decides which JWS algorithms are acceptable: this is what defeats
 * algorithm-confusion attacks (an RSA public key used as an HMAC secret, {@code alg: none}).
 */
public enum KeyFamily {
    /** A shared secret: HS256, HS384, HS512. */
    HMAC,
    /** An RSA key: RS256, RS384, RS512, PS256, PS384, PS512. */
    RSA,
    /** An elliptic-curve key: ES256 on P-256, ES384 on P-384, ES512 on P-521. */
    EC,
    /** An Edwards-curve key (Ed25519 or Ed448): EdDSA. */
    EDDSA
}
