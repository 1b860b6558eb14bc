package io.github.mercurejakarta.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens with exactly the header and claims a test writes, signed HS256 with the JDK alone: for the shapes the
 * library's own {@code TokenFactory} will not mint (a wrong {@code typ}, claims of one draft under the other's
 * header), so that a test can show the hub refusing them.
 *
 * <pre>{@code
 * String token = HandMadeJwt.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
 *         HandMadeJwt.draft08Claims("http://localhost:5500/.well-known/mercure", "publish", "subscribe"), secret);
 * }</pre>
 */
public final class HandMadeJwt {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private HandMadeJwt() {
    }

    /** @return {@code header.claims.signature}, the two JSON texts as given, signed with HMAC-SHA256 */
    public static String hs256(String headerJson, String claimsJson, String secret) {
        String signingInput = B64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    /**
     * @return draft-08 claims valid for ten minutes (issuer {@code mercure}, the given audience) whose Mercure
     * authorization detail grants {@code actions} on every topic
     */
    public static String draft08Claims(String audience, String... actions) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder list = new StringBuilder();
        for (String a : actions) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(a).append('"');
        }
        return "{\"iss\":\"mercure\",\"aud\":\"" + audience + "\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"authorization_details\":[{\"type\":\"https://mercure.rocks/authorization-detail\",\"actions\":["
                + list + "],\"topics\":[{\"match\":\"*\"}]}]}";
    }
}
