package io.github.mercurejakarta.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A draft-07 publisher token, {@code {"mercure":{"publish":["*"]}}} signed HS256 with the hub's publisher
 * secret; minted here so the driver needs no JWT library.
 *
 * <pre>{@code
 * String bearer = PublisherToken.mint("0123456789abcdef0123456789abcdef");
 * }</pre>
 */
final class PublisherToken {

    private PublisherToken() {
    }

    static String mint(String secret) {
        return sign(secret, "{\"mercure\":{\"publish\":[\"*\"]}}");
    }

    /** A draft-07 subscriber token for {@code *}: every topic, private updates and the subscriptions API. */
    static String subscriberForAll(String secret) {
        return sign(secret, "{\"mercure\":{\"subscribe\":[\"*\"]}}");
    }

    private static String sign(String secret, String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
