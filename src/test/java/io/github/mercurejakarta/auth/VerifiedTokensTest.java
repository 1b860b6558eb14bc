package io.github.mercurejakarta.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.FACTORY;
import static io.github.mercurejakarta.auth.TestTokens.HUB;
import static io.github.mercurejakarta.auth.TestTokens.JWT_HS256;
import static io.github.mercurejakarta.auth.TestTokens.NOW;
import static io.github.mercurejakarta.auth.TestTokens.NOW_S;
import static io.github.mercurejakarta.auth.TestTokens.SECRET;
import static io.github.mercurejakarta.auth.TestTokens.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedTokensTest {

    private final VerifiedTokens tokens = new VerifiedTokens(new TokenVerifier(VerificationKey.parse(SECRET)), 8);

    private static String publisher(Duration ttl) {
        return FACTORY.draft07(SigningKey.hmac(SECRET), List.of("*"), null, null, ttl);
    }

    @Test
    void anAcceptedTokenIsVerifiedOnceAndItsGrantsReused() throws Exception {
        String token = publisher(Duration.ofHours(1));
        Grants first = tokens.verify(token, CONTEXT);
        assertSame(first, tokens.verify(token, CONTEXT.at(NOW.plusSeconds(60))), "the second use is a cache hit");
        assertTrue(first.mayPublish("https://example.com/x"));
        assertEquals(1, tokens.size());
    }

    @Test
    void aCachedTokenIsRefusedOnceExpired() throws Exception {
        String token = publisher(Duration.ofSeconds(10));
        tokens.verify(token, CONTEXT);
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> tokens.verify(token, CONTEXT.at(NOW.plusSeconds(10))));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void refusalsAreNeverCached() throws Exception {
        String notYet = hs256(JWT_HS256, "{\"mercure\":{\"publish\":[\"*\"]},\"nbf\":" + (NOW_S + 30) + "}");
        assertThrows(InvalidTokenException.class, () -> tokens.verify(notYet, CONTEXT));
        assertEquals(0, tokens.size(), "nothing cached for a refused token");
        Grants later = tokens.verify(notYet, CONTEXT.at(NOW.plusSeconds(30)));
        assertTrue(later.mayPublish("https://example.com/x"), "accepted once its nbf has passed");
        String forged = FACTORY.draft07(SigningKey.hmac("another-secret-that-is-long-enough-too!"), List.of("*"), null, null, null);
        assertThrows(InvalidTokenException.class, () -> tokens.verify(forged, CONTEXT));
        assertThrows(InvalidTokenException.class, () -> tokens.verify(forged, CONTEXT));
    }

    @Test
    void aClockThatWentBackVerifiesAgain() throws Exception {
        String token = hs256(JWT_HS256, "{\"mercure\":{\"publish\":[\"*\"]},\"nbf\":" + NOW_S + "}");
        tokens.verify(token, CONTEXT);
        assertThrows(InvalidTokenException.class, () -> tokens.verify(token, CONTEXT.at(NOW.minusSeconds(5))),
                "before its nbf the token is refused, cached or not");
    }

    @Test
    void theAudienceAndHubUrlArePartOfTheKey() throws Exception {
        String token = FACTORY.draft08(SigningKey.hmac(SECRET), TokenVerifier.DEFAULT_ISSUER, HUB, null,
                List.of(TopicGrant.all()), List.of(), null, Duration.ofHours(1));
        Grants ok = tokens.verify(token, CONTEXT);
        VerificationContext otherHub = new VerificationContext("https://other.example/.well-known/mercure",
                "https://other.example/.well-known/mercure", NOW);
        assertThrows(InvalidTokenException.class, () -> tokens.verify(token, otherHub), "another audience: verified, refused");
        assertSame(ok, tokens.verify(token, CONTEXT));
    }

    @Test
    void theCacheStaysWithinItsBound() throws Exception {
        Grants first = null;
        String firstToken = null;
        for (int i = 0; i < 20; i++) {
            String token = FACTORY.draft07(SigningKey.hmac(SECRET), List.of("https://example.com/" + i), null, null, null);
            Grants g = tokens.verify(token, CONTEXT);
            if (i == 0) {
                first = g;
                firstToken = token;
            }
            assertTrue(tokens.size() <= 8, "at most 8 entries, " + tokens.size() + " after " + (i + 1));
        }
        assertNotSame(first, tokens.verify(firstToken, CONTEXT), "an evicted token is verified again");
    }

    @Test
    void noCacheWithSizeZero() throws Exception {
        VerifiedTokens none = new VerifiedTokens(new TokenVerifier(VerificationKey.parse(SECRET)), 0);
        String token = publisher(Duration.ofHours(1));
        assertNotSame(none.verify(token, CONTEXT), none.verify(token, CONTEXT));
        assertEquals(0, none.size());
    }
}
