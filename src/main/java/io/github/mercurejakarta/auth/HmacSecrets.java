package io.github.mercurejakarta.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** What makes an HMAC secret weak. */
final class HmacSecrets {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
    static final int MIN_STRONG_BYTES = 32;

    /** Secrets printed in the Mercure and Symfony quick-start guides: anyone can forge with them. */
    private static final List<byte[]> PUBLISHED = List.of(
            "!ChangeThisMercureHubJWTSecretKey!".getBytes(StandardCharsets.UTF_8),
            "!ChangeMe!".getBytes(StandardCharsets.UTF_8));

    private HmacSecrets() {
    }

    static boolean isWeak(byte[] secret) {
        if (secret.length < MIN_STRONG_BYTES) {
            return true;
        }
        for (byte[] published : PUBLISHED) {
            if (MessageDigest.isEqual(published, secret)) {
                return true;
            }
        }
        return false;
    }
}
