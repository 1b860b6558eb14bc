package io.github.mercurejakarta.auth;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;

/**
 * Maps a key to the JWS algorithms it may be used with. Both verification and minting go through
 * here so that the allowlist always derives from the key and never from a token header.
 */
final class KeyAlgorithms {

    /** jose4j refuses RSA keys below this size; we refuse them earlier, at configuration time. */
    static final int MIN_RSA_BITS = 2048;

    private KeyAlgorithms() {
    }

    static KeyFamily familyOf(Key key) {
        if (key instanceof SecretKey) {
            return KeyFamily.HMAC;
        }
        if (key instanceof RSAKey) {
            return KeyFamily.RSA;
        }
        if (key instanceof ECKey) {
            return KeyFamily.EC;
        }
        if (key instanceof EdECKey) {
            return KeyFamily.EDDSA;
        }
        throw new IllegalArgumentException("unsupported key type: " + key.getAlgorithm()
                + " (expected an HMAC secret, an RSA, EC (P-256/P-384/P-521) or Ed25519/Ed448 key)");
    }

    /**
     * @return the algorithms the key may sign or verify with, most natural first (the first one is
     *     what {@link SigningKey} uses unless told otherwise)
     */
    static Set<String> allowedFor(Key key) {
        return switch (familyOf(key)) {
            case HMAC -> ordered(AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384,
                    AlgorithmIdentifiers.HMAC_SHA512);
            case RSA -> ordered(AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                    AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                    AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512);
            // RFC 7518 §3.4 binds each ES* algorithm to one curve, so an EC key admits exactly one.
            case EC -> ordered(ecAlgorithm((ECKey) key));
            case EDDSA -> ordered(AlgorithmIdentifiers.EDDSA);
        };
    }

    /** Fails fast on keys that jose4j would reject at every verification anyway. */
    static void checkUsable(Key key) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys shorter than " + MIN_RSA_BITS + " bits are not accepted");
        }
        allowedFor(key);
    }

    /** Narrows {@code allowed} to {@code requested}, refusing any algorithm the key cannot use. */
    static Set<String> restrict(Set<String> allowed, List<String> requested, KeyFamily family) {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm is required");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String alg : requested) {
            if (!allowed.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + alg + " cannot be used with this "
                        + family + " key; allowed: " + allowed);
            }
            result.add(alg);
        }
        return Collections.unmodifiableSet(result);
    }

    private static String ecAlgorithm(ECKey key) {
        String curve = EllipticCurves.getName(key.getParams().getCurve());
        if (EllipticCurves.P_256.equals(curve)) {
            return AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        }
        if (EllipticCurves.P_384.equals(curve)) {
            return AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384;
        }
        if (EllipticCurves.P_521.equals(curve)) {
            return AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512;
        }
        throw new IllegalArgumentException("unsupported elliptic curve " + curve + " (use P-256, P-384 or P-521)");
    }

    private static Set<String> ordered(String... algorithms) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(algorithms)));
    }
}
