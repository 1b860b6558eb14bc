package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.FACTORY;
import static io.github.mercurejakarta.auth.TestTokens.JWT_HS256;
import static io.github.mercurejakarta.auth.TestTokens.NOW;
import static io.github.mercurejakarta.auth.TestTokens.NOW_S;
import static io.github.mercurejakarta.auth.TestTokens.SECRET;
import static io.github.mercurejakarta.auth.TestTokens.accessClaims;
import static io.github.mercurejakarta.auth.TestTokens.detail;
import static io.github.mercurejakarta.auth.TestTokens.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.protocol.Dialect;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Draft-07 tokens: any JWS whose typ is not at+jwt, grants from the mercure claim. */
class Draft07TokenTest {

    private final TokenVerifier verifier = new TokenVerifier(VerificationKey.hmac(SECRET));
    private final SigningKey key = SigningKey.hmac(SECRET);

    private Grants verify(String token) throws InvalidTokenException {
        return verifier.verify(token, CONTEXT);
    }

    private void assertRejected(String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verify(token));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    private String claims(String json) {
        return hs256(JWT_HS256, json);
    }

    @Test
    void mintedTokenRoundTripsPublishAndSubscribeGrants() throws Exception {
        String token = FACTORY.draft07(key, List.of("https://e.x/books/1"), List.of("https://e.x/users/1"),
                null, Duration.ofHours(1));

        Grants grants = verify(token);

        assertEquals(Optional.of(Dialect.DRAFT_07), grants.dialect());
        assertTrue(grants.mayPublish("https://e.x/books/1"));
        assertFalse(grants.mayPublish("https://e.x/books/2"));
        assertTrue(grants.maySubscribe("https://e.x/users/1"));
        assertFalse(grants.maySubscribe("https://e.x/books/1"));
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), grants.expiresAt());
    }

    @Test
    void tokenWithoutExpIsAcceptedAndNeverExpires() throws Exception {
        Grants grants = verify(FACTORY.draft07(key, List.of("*"), null, null, null));

        assertTrue(grants.mayPublish("anything"));
        assertEquals(Optional.empty(), grants.expiresAt());
    }

    @Test
    void expiredTokenIsRejected() {
        String token = claims("{\"mercure\":{\"publish\":[\"*\"]},\"exp\":" + NOW_S + "}");

        assertRejected(token, "expired");
    }

    @Test
    void tokenNotYetValidIsRejected() {
        String token = claims("{\"mercure\":{\"publish\":[\"*\"]},\"nbf\":" + (NOW_S + 60) + "}");

        assertRejected(token, "not valid before");
    }

    @Test
    void wildcardSelectorGrantsEveryTopic() throws Exception {
        Grants grants = verify(claims("{\"mercure\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}"));

        assertTrue(grants.mayPublishAll(List.of("a", "https://e.x/b")));
        assertTrue(grants.maySubscribe("urn:x"));
    }

    @Test
    void namespacedClaimIsAccepted() throws Exception {
        Grants grants = verify(claims("{\"https://mercure.rocks/\":{\"publish\":[\"https://e.x/1\"]}}"));

        assertTrue(grants.mayPublish("https://e.x/1"));
    }

    @Test
    void namespacedClaimWinsOverPlainClaim() throws Exception {
        Grants grants = verify(claims("""
                {"mercure":{"publish":["plain"]},"https://mercure.rocks/":{"publish":["namespaced"]}}"""));

        assertTrue(grants.mayPublish("namespaced"));
        assertFalse(grants.mayPublish("plain"));
    }

    @Test
    void missingOrEmptyListsGrantNothing() throws Exception {
        Grants grants = verify(claims("{\"mercure\":{\"publish\":[],\"payload\":{\"a\":1}}}"));

        assertFalse(grants.mayPublish("x"));
        assertFalse(grants.maySubscribe("x"));
        assertTrue(grants.publishMatchers().isEmpty());
        assertTrue(grants.subscribeMatchers().isEmpty());
    }

    @Test
    void tokenWithoutMercureClaimIsValidAndGrantsNothing() throws Exception {
        Grants grants = verify(claims("{\"sub\":\"bob\"}"));

        assertEquals(Optional.of(Dialect.DRAFT_07), grants.dialect());
        assertEquals(Optional.of("bob"), grants.subject());
        assertFalse(grants.maySubscribe("x"));
    }

    @Test
    void nonArraySelectorListIsRejected() {
        String token = claims("{\"mercure\":{\"subscribe\":\"https://e.x/1\"}}");

        assertRejected(token, "not an array");
    }

    @Test
    void nonStringSelectorIsRejected() {
        String token = claims("{\"mercure\":{\"publish\":[\"ok\",42]}}");

        assertRejected(token, "non-string");
    }

    @Test
    void mercureClaimThatIsNotAnObjectIsRejected() {
        String token = claims("{\"mercure\":[\"*\"]}");

        assertRejected(token, "not an object");
    }

    @Test
    void moreThanAThousandSelectorsAreRejected() {
        String selectors = String.join(",", Collections.nCopies(1001, "\"a\""));
        String token = claims("{\"mercure\":{\"subscribe\":[" + selectors + "]}}");

        assertRejected(token, "1000");
    }

    @Test
    void aThousandSelectorsAreAccepted() throws Exception {
        String selectors = String.join(",", Collections.nCopies(1000, "\"a\""));

        assertTrue(verify(claims("{\"mercure\":{\"subscribe\":[" + selectors + "]}}")).maySubscribe("a"));
    }

    @Test
    void payloadIsTheSameWhateverTheSelector() throws Exception {
        Grants grants = verify(FACTORY.draft07(key, null, List.of("https://e.x/1"),
                Map.of("user", "alice"), Duration.ofMinutes(5)));

        assertEquals(Optional.of(Map.of("user", "alice")), grants.payloadFor("https://e.x/1"));
        assertEquals(Optional.of(Map.of("user", "alice")), grants.payloadFor("https://other/{x}"));
    }

    @Test
    void payloadMayBeAnyJsonValue() throws Exception {
        Grants grants = verify(claims("{\"mercure\":{\"subscribe\":[\"*\"],\"payload\":[1,\"two\",null]}}"));

        assertEquals("[1,\"two\",null]", Grants.toJson(grants.payloadFor("*").orElseThrow()));
    }

    @Test
    void tokenWithoutTypHeaderIsDraft07() throws Exception {
        Grants grants = verify(hs256("{\"alg\":\"HS256\"}", "{\"mercure\":{\"publish\":[\"t\"]}}"));

        assertEquals(Optional.of(Dialect.DRAFT_07), grants.dialect());
        assertTrue(grants.mayPublish("t"));
    }
}
