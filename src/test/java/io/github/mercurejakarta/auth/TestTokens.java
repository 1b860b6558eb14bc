package io.github.mercurejakarta.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-crafted tokens (any header, any claims) and shared fixtures for the auth tests. */
final class TestTokens {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static final String HUB = "http://localhost:5500/.well-known/mercure";
    static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");
    static final long NOW_S = NOW.getEpochSecond();
    static final VerificationContext CONTEXT = new VerificationContext(HUB, HUB, NOW);
    static final TokenFactory FACTORY = new TokenFactory(Clock.fixed(NOW, ZoneOffset.UTC));
    static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";
    static final String AT_JWT_HS256 = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
    static final String JWT_HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private TestTokens() {
    }

    static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Signs with HMAC-SHA256 over {@code secret}, whatever {@code header} claims. */
    static String hs256(String secret, String header, String claims) {
        String input = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String hs256(String header, String claims) {
        return hs256(SECRET, header, claims);
    }

    /** Signs with RSASSA-PKCS1-v1_5 SHA-256, whatever {@code header} claims. */
    static String rs256(PrivateKey key, String header, String claims) {
        String input = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A draft-08 claim set around {@code details} (a JSON array), valid at {@link #NOW}. */
    static String accessClaims(String details) {
        return """
                {"iss":"mercure","aud":"%s","sub":"alice","client_id":"mercure","iat":%d,"exp":%d,\
                "jti":"1","authorization_details":%s}""".formatted(HUB, NOW_S, NOW_S + 600, details);
    }

    /** A draft-08 HS256 token granting {@code actions} on the given topic objects. */
    static String accessToken(String details) {
        return hs256(AT_JWT_HS256, accessClaims(details));
    }

    static String detail(String actions, String topics) {
        return "{\"type\":\"" + DETAIL_TYPE + "\",\"actions\":" + actions + ",\"topics\":" + topics + "}";
    }

    static KeyPair rsaKeyPair() {
        return keyPair("RSA", null);
    }

    static KeyPair ecKeyPair(String curve) {
        return keyPair("EC", curve);
    }

    static KeyPair ed25519KeyPair() {
        return keyPair("Ed25519", null);
    }

    private static KeyPair keyPair(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if ("RSA".equals(algorithm)) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
