package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.FACTORY;
import static io.github.mercurejakarta.auth.TestTokens.HUB;
import static io.github.mercurejakarta.auth.TestTokens.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key configuration: PEM and secrets, the allowlist each key type implies, and RSA/EC/EdDSA round trips. */
class KeysTest {

    private static final KeyPair RSA = TestTokens.rsaKeyPair();

    private static String mintAll(SigningKey key) {
        return FACTORY.draft08(key, "mercure", HUB, "s", List.of(TopicGrant.all()), null, null, Duration.ofMinutes(1));
    }

    private static boolean verifies(VerificationKey key, String token) {
        try {
            return new TokenVerifier(key).verify(token, CONTEXT).mayPublish("x");
        } catch (InvalidTokenException e) {
            return false;
        }
    }

    @Test
    void shortHmacSecretStillVerifiesButIsWeak() {
        VerificationKey key = VerificationKey.parse("short");

        assertTrue(key.isWeak());
        assertTrue(SigningKey.hmac("short").isWeak());
        assertTrue(verifies(key, mintAll(SigningKey.hmac("short"))));
    }

    @Test
    void longRandomSecretIsNotWeak() {
        assertFalse(VerificationKey.parse(TestTokens.SECRET).isWeak());
    }

    @Test
    void secretPublishedInTheQuickStartGuidesIsWeak() {
        assertTrue(VerificationKey.parse("!ChangeThisMercureHubJWTSecretKey!").isWeak());
    }

    @Test
    void hmacKeyAllowsOnlyHsAlgorithms() {
        assertEquals(Set.of("HS256", "HS384", "HS512"), VerificationKey.hmac("s").algorithms());
        assertEquals(KeyFamily.HMAC, VerificationKey.hmac("s").family());
    }

    @Test
    void hs512SigningKeyVerifies() {
        assertTrue(verifies(VerificationKey.hmac(TestTokens.SECRET),
                mintAll(SigningKey.hmac(TestTokens.SECRET).withAlgorithm("HS512"))));
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerificationKey.parse(""));
    }

    @Test
    void rsaPublicKeyPemVerifiesRs256AndPs256Tokens() {
        VerificationKey key = VerificationKey.parse(pem("PUBLIC KEY", RSA.getPublic().getEncoded()));

        assertEquals(KeyFamily.RSA, key.family());
        assertEquals(Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"), key.algorithms());
        assertTrue(verifies(key, mintAll(SigningKey.of(RSA))));
        assertTrue(verifies(key, mintAll(SigningKey.of(RSA).withAlgorithm("PS256"))));
    }

    @Test
    void rsaKeyOfAnotherPairDoesNotVerify() {
        assertFalse(verifies(VerificationKey.of(TestTokens.rsaKeyPair().getPublic()), mintAll(SigningKey.of(RSA))));
    }

    @Test
    void pkcs1RsaPublicKeyPemIsAccepted() {
        // SubjectPublicKeyInfo of a 2048-bit key = 24 bytes of wrapper + the PKCS#1 RSAPublicKey.
        byte[] spki = RSA.getPublic().getEncoded();
        String pkcs1 = pem("RSA PUBLIC KEY", Arrays.copyOfRange(spki, 24, spki.length));

        assertTrue(verifies(VerificationKey.parse(pkcs1), mintAll(SigningKey.of(RSA))));
    }

    @Test
    void pkcs1RsaPrivateKeyPemSigns() {
        // PKCS#8 of a 2048-bit RSA key = 26 bytes of wrapper + the PKCS#1 RSAPrivateKey.
        byte[] pkcs8 = RSA.getPrivate().getEncoded();
        SigningKey key = SigningKey.parse(pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length)));

        assertTrue(verifies(VerificationKey.of(RSA.getPublic()), mintAll(key)));
    }

    @Test
    void rsaPrivateKeyPemDerivesItsVerificationKey() {
        SigningKey key = SigningKey.parse(pem("PRIVATE KEY", RSA.getPrivate().getEncoded()));

        assertEquals("RS256", key.algorithm());
        assertTrue(verifies(key.verificationKey().orElseThrow(), mintAll(key)));
    }

    @Test
    void pemWithEscapedNewlinesFromAnEnvironmentVariableIsAccepted() {
        String escaped = pem("PUBLIC KEY", RSA.getPublic().getEncoded()).replace("\n", "\\n");

        assertEquals(KeyFamily.RSA, VerificationKey.parse(escaped).family());
    }

    @Test
    void privateKeyPemGivenAsVerificationKeyIsRefused() {
        String privatePem = pem("PRIVATE KEY", RSA.getPrivate().getEncoded());

        assertThrows(IllegalArgumentException.class, () -> VerificationKey.parse(privatePem));
    }

    @Test
    void malformedPemIsRefusedRatherThanUsedAsASecret() {
        assertThrows(IllegalArgumentException.class, () -> VerificationKey.parse("-----BEGIN PUBLIC KEY-----\nAAAA"));
    }

    @Test
    void rsaKeyShorterThan2048BitsIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);

        assertThrows(IllegalArgumentException.class, () -> VerificationKey.of(generator.generateKeyPair().getPublic()));
    }

    @Test
    void ecP256KeyPemVerifiesEs256Tokens() {
        KeyPair pair = TestTokens.ecKeyPair("secp256r1");
        VerificationKey key = VerificationKey.parse(pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        assertEquals(Set.of("ES256"), key.algorithms());
        assertTrue(verifies(key, mintAll(SigningKey.of(pair))));
    }

    @Test
    void ecKeyAdmitsOnlyItsCurvesAlgorithm() {
        KeyPair p384 = TestTokens.ecKeyPair("secp384r1");

        assertEquals("ES384", SigningKey.of(p384).algorithm());
        assertEquals(Set.of("ES384"), VerificationKey.of(p384.getPublic()).algorithms());
        assertThrows(IllegalArgumentException.class, () -> SigningKey.of(p384).withAlgorithm("ES256"));
    }

    @Test
    void ecP521KeyPairRoundTrips() {
        KeyPair pair = TestTokens.ecKeyPair("secp521r1");

        assertTrue(verifies(VerificationKey.of(pair.getPublic()), mintAll(SigningKey.of(pair))));
    }

    @Test
    void ecPrivateKeyPemSigns() {
        KeyPair pair = TestTokens.ecKeyPair("secp256r1");
        SigningKey key = SigningKey.parse(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        assertTrue(key.verificationKey().isEmpty());
        assertTrue(verifies(VerificationKey.of(pair.getPublic()), mintAll(key)));
    }

    @Test
    void ed25519KeyPemVerifiesEdDsaTokens() {
        KeyPair pair = TestTokens.ed25519KeyPair();
        VerificationKey key = VerificationKey.parse(pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        assertEquals(KeyFamily.EDDSA, key.family());
        assertEquals(Set.of("EdDSA"), key.algorithms());
        assertTrue(verifies(key, mintAll(SigningKey.parse(pem("PRIVATE KEY", pair.getPrivate().getEncoded())))));
    }

    @Test
    void signingKeyRefusesAnAlgorithmOfAnotherFamily() {
        assertThrows(IllegalArgumentException.class, () -> SigningKey.hmac("s").withAlgorithm("RS256"));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.of(RSA).withAlgorithm("none"));
    }

    @Test
    void restrictingToAnAlgorithmTheKeyCannotUseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerificationKey.hmac("s").restrictedTo("ES256"));
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        String secret = "very-secret-value-that-must-not-leak";

        assertFalse(VerificationKey.hmac(secret).toString().contains(secret));
        assertFalse(SigningKey.hmac(secret).toString().contains(secret));
    }
}
