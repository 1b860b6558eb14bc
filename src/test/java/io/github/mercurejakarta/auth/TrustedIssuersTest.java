package io.github.mercurejakarta.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Several authorization servers on one hub: each token verified with the keys and audience of the issuer its
 * {@code iss} names, never with another's; tokens naming none go to the hub's own verifier.
 */
class TrustedIssuersTest {

    private static final String HUB = TestTokens.HUB;
    private static final String OWN_SECRET = "the-hub's-own-secret-of-32-bytes-at-least";
    private static final String PARTNER_SECRET = "a-partner's-secret-of-32-bytes-at-least!";
    private static final String LOGIN = "https://login.example.com/";
    private static final String PARTNER = "https://partner.example.org";
    private static final VerificationContext CONTEXT = VerificationContext.forHub(HUB);

    private final KeyPair loginKey = rsa();
    private final TrustedIssuers issuers = new TrustedIssuers(tokens(VerificationKey.hmac(OWN_SECRET), "mercure"))
            .trust(LOGIN, tokens(loginKey), Optional.empty())
            .trust(PARTNER, tokens(VerificationKey.hmac(PARTNER_SECRET), PARTNER), Optional.of("urn:partner:hub"));

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private VerifiedTokens tokens(KeyPair pair) {
        return tokens(SigningKey.of(pair).verificationKey().orElseThrow(), LOGIN);
    }

    private static VerifiedTokens tokens(VerificationKey key, String issuer) {
        return new VerifiedTokens(new TokenVerifier(key, issuer), VerifiedTokens.DEFAULT_SIZE);
    }

    private static String token(SigningKey key, String iss, String aud) {
        return new TokenFactory().draft08(key, iss, aud, "u", List.of(), List.of(TopicGrant.exact("https://e.x/1")),
                null, Duration.ofMinutes(5));
    }

    @Test
    void eachIssuersTokensVerifyWithItsOwnKeysAndAudience() throws Exception {
        assertTrue(issuers.verify(token(SigningKey.hmac(OWN_SECRET), "mercure", HUB), CONTEXT).maySubscribe("https://e.x/1"));
        assertTrue(issuers.verify(token(SigningKey.of(loginKey), LOGIN, HUB), CONTEXT).maySubscribe("https://e.x/1"));
        assertTrue(issuers.verify(token(SigningKey.hmac(PARTNER_SECRET), PARTNER, "urn:partner:hub"), CONTEXT)
                .maySubscribe("https://e.x/1"), "the partner's audience, not the hub URL");
        assertThrows(InvalidTokenException.class,
                () -> issuers.verify(token(SigningKey.hmac(PARTNER_SECRET), PARTNER, HUB), CONTEXT),
                "the hub URL is not the partner's audience");
    }

    @Test
    void aTokenCannotBorrowAnotherIssuersKeys() {
        // signed by the partner, claiming the login server: verified with the login server's key, refused
        assertThrows(InvalidTokenException.class,
                () -> issuers.verify(token(SigningKey.hmac(PARTNER_SECRET), LOGIN, HUB), CONTEXT));
        // signed by the login server's key, claiming the hub's own issuer: the own secret refuses it
        assertThrows(InvalidTokenException.class,
                () -> issuers.verify(token(SigningKey.of(loginKey), "mercure", HUB), CONTEXT));
        // an issuer nobody trusts goes to the hub's own verifier, whose issuer it is not
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> issuers.verify(token(SigningKey.hmac(OWN_SECRET), "https://evil.example", HUB), CONTEXT));
        assertTrue(e.getMessage().contains("not the trusted issuer"), e.getMessage());
    }

    @Test
    void draft07TokensGoByTheirIssClaimToo() throws Exception {
        String partner07 = TestTokens.hs256(PARTNER_SECRET, TestTokens.JWT_HS256,
                "{\"iss\":\"" + PARTNER + "\",\"mercure\":{\"subscribe\":[\"https://e.x/1\"]}}");
        assertTrue(issuers.verify(partner07, CONTEXT).maySubscribe("https://e.x/1"));
        String unsigned07 = TestTokens.hs256(PARTNER_SECRET, TestTokens.JWT_HS256, "{\"mercure\":{\"subscribe\":[\"*\"]}}");
        assertThrows(InvalidTokenException.class, () -> issuers.verify(unsigned07, CONTEXT),
                "without iss it is the hub's own, and the partner's secret is not the hub's");
    }

    @Test
    void withoutAnOwnVerifierUnknownIssuersAreRefused() {
        TrustedIssuers only = new TrustedIssuers(null).trust(PARTNER, tokens(VerificationKey.hmac(PARTNER_SECRET), PARTNER),
                Optional.empty());
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> only.verify(token(SigningKey.hmac(OWN_SECRET), "mercure", HUB), CONTEXT));
        assertEquals("the token's issuer is not trusted", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> only.trust(PARTNER, tokens(VerificationKey.hmac("x"), PARTNER),
                Optional.empty()), "one issuer, one verifier");
    }

    @Test
    void malformedTokensAreRefusedBeforeAnyRouting() {
        assertThrows(InvalidTokenException.class, () -> issuers.verify("not-a-token", CONTEXT));
        assertThrows(InvalidTokenException.class, () -> issuers.verify("e30.!!!.c2ln", CONTEXT));
        assertThrows(InvalidTokenException.class, () -> issuers.verify(TestTokens.b64("{}") + "." + TestTokens.b64("[1]") + ".c2ln", CONTEXT));
    }
}
