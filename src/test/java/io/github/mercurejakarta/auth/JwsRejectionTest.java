package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.TestTokens.AT_JWT_HS256;
import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.FACTORY;
import static io.github.mercurejakarta.auth.TestTokens.HUB;
import static io.github.mercurejakarta.auth.TestTokens.NOW_S;
import static io.github.mercurejakarta.auth.TestTokens.SECRET;
import static io.github.mercurejakarta.auth.TestTokens.accessClaims;
import static io.github.mercurejakarta.auth.TestTokens.b64;
import static io.github.mercurejakarta.auth.TestTokens.detail;
import static io.github.mercurejakarta.auth.TestTokens.hs256;
import static io.github.mercurejakarta.auth.TestTokens.pem;
import static io.github.mercurejakarta.auth.TestTokens.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signature-level rules, common to both dialects: what never gets past the JWS layer. */
class JwsRejectionTest {

    private static final String PUBLISH_ALL = accessClaims("[" + detail("[\"publish\"]", "[{\"match\":\"*\"}]") + "]");

    private final TokenVerifier verifier = new TokenVerifier(VerificationKey.hmac(SECRET));

    private InvalidTokenException rejected(TokenVerifier v, String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> v.verify(token, CONTEXT));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        return e;
    }

    private InvalidTokenException rejected(String token, String reason) {
        return rejected(verifier, token, reason);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        rejected(hs256("another-secret-that-is-also-long-enough", AT_JWT_HS256, PUBLISH_ALL), "signature");
    }

    @Test
    void algNoneIsRejectedEvenWithASignaturePart() {
        rejected(b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + b64(PUBLISH_ALL) + ".AAAA", "none");
    }

    @Test
    void unsignedTokenIsRejected() {
        rejected(b64("{\"alg\":\"none\"}") + "." + b64("{\"mercure\":{\"publish\":[\"*\"]}}") + ".", "unsigned");
    }

    @Test
    void rs256HeaderOnAnHmacKeyIsRejected() {
        rejected(hs256("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}", PUBLISH_ALL), "RS256");
    }

    @Test
    void hmacTokenKeyedWithTheRsaPublicKeyPemIsRejected() {
        // Classic algorithm confusion: the attacker knows the public key and uses its PEM as an HMAC secret.
        KeyPair pair = TestTokens.rsaKeyPair();
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        TokenVerifier rsaVerifier = new TokenVerifier(VerificationKey.parse(publicPem));

        rejected(rsaVerifier, hs256(publicPem, AT_JWT_HS256, PUBLISH_ALL), "HS256");
    }

    @Test
    void algorithmOutsideARestrictedKeyIsRejected() {
        TokenVerifier hs512Only = new TokenVerifier(VerificationKey.hmac(SECRET).restrictedTo("HS512"));

        rejected(hs512Only, hs256(AT_JWT_HS256, PUBLISH_ALL), "HS256");
    }

    @Test
    void truncatedSignatureIsRejected() {
        String token = hs256(AT_JWT_HS256, PUBLISH_ALL);

        rejected(token.substring(0, token.length() - 5), "signature");
    }

    @Test
    void tokenWithoutSignaturePartIsRejected() {
        String token = hs256(AT_JWT_HS256, PUBLISH_ALL);

        rejected(token.substring(0, token.lastIndexOf('.')), "2 parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "Bearer a.b.c", "e30.e30.e30.e30",
        "{\"payload\":\"e30\",\"signatures\":[]}", "eyJhbGciOiJIUzI1NiJ9..sig", "=.=.="})
    void garbageIsRejected(String garbage) {
        assertThrows(InvalidTokenException.class, () -> verifier.verify(garbage, CONTEXT));
    }

    @Test
    void nullTokenIsRejected() {
        rejected(null, "empty");
    }

    @Test
    void encryptedTokenIsRejected() {
        rejected("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", "JWE");
    }

    @Test
    void tokenLongerThan16KiBIsRejectedEvenWhenCorrectlySigned() {
        String token = FACTORY.draft08(SigningKey.hmac(SECRET), "mercure", HUB, "x".repeat(13_000),
                List.of(TopicGrant.all()), null, null, Duration.ofMinutes(1));

        assertTrue(token.length() > TokenVerifier.MAX_TOKEN_LENGTH);
        rejected(token, "longer than");
    }

    @Test
    void unknownCriticalHeaderIsRejected() {
        rejected(hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"x-hub\"],\"x-hub\":1}", PUBLISH_ALL),
                "malformed");
    }

    @Test
    void duplicateClaimNamesAreRejected() {
        // Parsers disagreeing on duplicates is a known bypass; jose4j refuses them outright.
        String claims = PUBLISH_ALL.replace("\"iss\":\"mercure\"", "\"iss\":\"evil\",\"iss\":\"mercure\"");

        rejected(hs256(AT_JWT_HS256, claims), "malformed");
    }

    @Test
    void nonStringTypHeaderIsRejected() {
        rejected(hs256("{\"alg\":\"HS256\",\"typ\":7}", PUBLISH_ALL), "typ");
    }

    @Test
    void embeddedJwkAndKeyUrlsAreNeitherTrustedNorFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            KeyPair attacker = TestTokens.rsaKeyPair();
            RSAPublicKey pub = (RSAPublicKey) attacker.getPublic();
            String jwk = "{\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(pub.getModulus().toByteArray()))
                    + "\",\"e\":\"" + b64(pub.getPublicExponent().toByteArray()) + "\"}";
            String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"jwk\":" + jwk
                    + ",\"jku\":\"" + base + "/jwks.json\",\"x5u\":\"" + base + "/cert.pem\"}";
            TokenVerifier rsaVerifier = new TokenVerifier(VerificationKey.of(TestTokens.rsaKeyPair().getPublic()));

            rejected(rsaVerifier, rs256(attacker.getPrivate(), header, PUBLISH_ALL), "signature");
            rejected(hs256(header.replace("RS256", "HS256"), PUBLISH_ALL).replaceFirst("\\.[^.]*$", ".AAAA"), "signature");
            assertEquals(0, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void keyHeadersOnAnHonestTokenAreIgnored() throws Exception {
        String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"unknown-kid\",\"jku\":\"http://127.0.0.1:1/k\","
                + "\"x5u\":\"http://127.0.0.1:1/c\",\"x5c\":[\"not-a-certificate\"],\"jwk\":{\"kty\":\"oct\",\"k\":\"AA\"}}";

        assertTrue(verifier.verify(hs256(header, PUBLISH_ALL), CONTEXT).mayPublish("x"));
    }

    @Test
    void failureMessagesNeverContainTheToken() {
        String valid = hs256(AT_JWT_HS256, PUBLISH_ALL);
        List<String> bad = List.of(
                hs256("wrong-secret-wrong-secret-wrong-secret", AT_JWT_HS256, PUBLISH_ALL),
                hs256(AT_JWT_HS256, "{\"iss\":\"mercure\",\"aud\":\"" + HUB + "\",\"exp\":" + (NOW_S - 5) + "}"),
                hs256(AT_JWT_HS256, "{not json"),
                valid.substring(0, valid.length() - 3));
        for (String token : bad) {
            String message = assertThrows(InvalidTokenException.class, () -> verifier.verify(token, CONTEXT)).getMessage();
            for (String part : token.split("\\.")) {
                assertFalse(message.contains(part), () -> "message leaks a token part: " + message);
            }
        }
    }

    @Test
    void attackerControlledValuesAreSanitisedInMessages() {
        String message = rejected(hs256("{\"alg\":\"HS256\\n2026 forged log line\",\"typ\":\"at+jwt\"}", PUBLISH_ALL),
                "not allowed").getMessage();

        assertFalse(message.contains("\n"));
    }

    @Test
    void payloadsAreFrozen() throws Exception {
        Grants grants = new TokenVerifier(VerificationKey.hmac(SECRET)).verify(
                FACTORY.draft07(SigningKey.hmac(SECRET), null, List.of("*"), Map.of("a", List.of(1)), null), CONTEXT);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) grants.payloadFor("*").orElseThrow();

        assertThrows(UnsupportedOperationException.class, () -> payload.put("b", 2));
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
