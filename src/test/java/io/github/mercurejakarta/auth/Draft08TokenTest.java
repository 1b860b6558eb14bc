package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.TestTokens.AT_JWT_HS256;
import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.DETAIL_TYPE;
import static io.github.mercurejakarta.auth.TestTokens.FACTORY;
import static io.github.mercurejakarta.auth.TestTokens.HUB;
import static io.github.mercurejakarta.auth.TestTokens.NOW;
import static io.github.mercurejakarta.auth.TestTokens.NOW_S;
import static io.github.mercurejakarta.auth.TestTokens.SECRET;
import static io.github.mercurejakarta.auth.TestTokens.accessToken;
import static io.github.mercurejakarta.auth.TestTokens.detail;
import static io.github.mercurejakarta.auth.TestTokens.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.protocol.Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Draft-08 access tokens: RFC 9068 claims and RFC 9396 authorization_details. */
class Draft08TokenTest {

    private static final String ALL = "[{\"match\":\"*\"}]";

    private final TokenVerifier verifier = new TokenVerifier(VerificationKey.hmac(SECRET));
    private final SigningKey key = SigningKey.hmac(SECRET);

    private Grants verify(String token) throws InvalidTokenException {
        return verifier.verify(token, CONTEXT);
    }

    /** Asserts the refusal and that it happened for the expected reason, not an earlier one. */
    private void assertRejected(String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verify(token));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    private static String claimsWith(String members) {
        return "{\"iss\":\"mercure\",\"aud\":\"" + HUB + "\"," + members + ",\"authorization_details\":["
                + detail("[\"subscribe\"]", ALL) + "]}";
    }

    @Test
    void mintedTokenRoundTripsGrantsPayloadSubjectAndExpiry() throws Exception {
        String token = FACTORY.draft08(key, "mercure", HUB, "alice",
                List.of(TopicGrant.exact("https://e.x/books/1")), List.of(TopicGrant.exact("https://e.x/users/1")),
                Map.of("name", "Alice"), Duration.ofMinutes(10));

        Grants grants = verify(token);

        assertEquals(Optional.of(Dialect.DRAFT_08), grants.dialect());
        assertTrue(grants.mayPublish("https://e.x/books/1"));
        assertFalse(grants.mayPublish("https://e.x/users/1"));
        assertTrue(grants.maySubscribe("https://e.x/users/1"));
        assertFalse(grants.maySubscribe("https://e.x/books/1"));
        assertEquals(Optional.of(Map.of("name", "Alice")), grants.payloadFor("https://e.x/users/1"));
        assertEquals(Optional.of("alice"), grants.subject());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(10))), grants.expiresAt());
    }

    @Test
    void mintedTokenCarriesEveryRfc9068Claim() throws Exception {
        String token = FACTORY.draft08(key, "https://issuer", HUB, null, List.of(TopicGrant.all()), null, null,
                Duration.ofMinutes(1));
        String[] parts = token.split("\\.");
        Map<String, Object> header = JsonUtil.parseJson(new String(java.util.Base64.getUrlDecoder().decode(parts[0])));
        Map<String, Object> claims = JsonUtil.parseJson(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));

        assertEquals("at+jwt", header.get("typ"));
        assertEquals("HS256", header.get("alg"));
        assertEquals("https://issuer", claims.get("iss"));
        assertEquals(HUB, claims.get("aud"));
        assertEquals("https://issuer", claims.get("client_id"));
        assertEquals(NOW_S, claims.get("iat"));
        assertEquals(NOW_S + 60, claims.get("exp"));
        assertTrue(((String) claims.get("sub")).startsWith("urn:uuid:"));
        assertTrue(((String) claims.get("jti")).startsWith("urn:uuid:"));
        assertEquals(List.of(Map.of("type", DETAIL_TYPE, "actions", List.of("publish"),
                "topics", List.of(Map.of("match", "*", "match_type", "exact")))), claims.get("authorization_details"));
    }

    @Test
    void mintingWithoutTtlIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> FACTORY.draft08(key, "mercure", HUB, "s", List.of(TopicGrant.all()), null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+Jwt"})
    void typIsMatchedCaseInsensitivelyInBothSpellings(String typ) throws Exception {
        String token = hs256("{\"alg\":\"HS256\",\"typ\":\"" + typ + "\"}",
                TestTokens.accessClaims("[" + detail("[\"publish\"]", ALL) + "]"));

        Grants grants = verify(token);

        assertEquals(Optional.of(Dialect.DRAFT_08), grants.dialect());
        assertTrue(grants.mayPublish("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"HS256\"}"})
    void draft08ClaimsWithoutTheAccessTokenTypAreAMalformedTokenNotADraft07OneWithoutGrants(String header) {
        String token = hs256(header, TestTokens.accessClaims("[" + detail("[\"publish\",\"subscribe\"]", ALL) + "]"));

        assertRejected(token, "typ is not at+jwt");
    }

    @Test
    void missingExpIsRejected() {
        assertRejected(hs256(AT_JWT_HS256, claimsWith("\"sub\":\"a\"")), "exp is required");
    }

    @Test
    void expiredTokenIsRejected() {
        assertRejected(hs256(AT_JWT_HS256, claimsWith("\"exp\":" + (NOW_S - 1))), "expired");
    }

    @Test
    void tokenNotYetValidIsRejected() {
        assertRejected(hs256(AT_JWT_HS256, claimsWith("\"exp\":" + (NOW_S + 600) + ",\"nbf\":" + (NOW_S + 1))), "not valid before");
    }

    @Test
    void tokenValidFromNowIsAccepted() throws Exception {
        assertTrue(verify(hs256(AT_JWT_HS256, claimsWith("\"exp\":" + (NOW_S + 600) + ",\"nbf\":" + NOW_S)))
                .maySubscribe("x"));
    }

    @Test
    void wrongIssuerIsRejected() {
        String token = FACTORY.draft08(key, "someone-else", HUB, "s", List.of(TopicGrant.all()), null, null,
                Duration.ofMinutes(1));

        assertRejected(token, "iss");
    }

    @Test
    void configuredIssuerIsTrustedInsteadOfTheDefault() throws Exception {
        TokenVerifier custom = new TokenVerifier(VerificationKey.hmac(SECRET), "https://auth.example.com");
        String token = FACTORY.draft08(key, "https://auth.example.com", HUB, "s", List.of(TopicGrant.all()), null,
                null, Duration.ofMinutes(1));

        assertTrue(custom.verify(token, CONTEXT).mayPublish("x"));
        assertThrows(InvalidTokenException.class, () -> verify(token));
    }

    @Test
    void wrongAudienceIsRejected() {
        String token = FACTORY.draft08(key, "mercure", "https://other-hub/.well-known/mercure", "s",
                List.of(TopicGrant.all()), null, null, Duration.ofMinutes(1));

        assertRejected(token, "aud");
    }

    @Test
    void missingAudienceIsRejected() {
        assertRejected(hs256(AT_JWT_HS256, "{\"iss\":\"mercure\",\"exp\":" + (NOW_S + 60) + "}"), "aud");
    }

    @Test
    void audienceArrayContainingTheHubIsAccepted() throws Exception {
        String token = hs256(AT_JWT_HS256, "{\"iss\":\"mercure\",\"aud\":[\"https://api\",\"" + HUB + "\"],\"exp\":"
                + (NOW_S + 60) + "}");

        assertEquals(Optional.of(Dialect.DRAFT_08), verify(token).dialect());
    }

    @Test
    void tokenWithoutMercureDetailIsValidAndGrantsNothing() throws Exception {
        Grants grants = verify(accessToken("[{\"type\":\"payment_initiation\",\"actions\":[\"pay\"]}]"));

        assertFalse(grants.mayPublish("x"));
        assertFalse(grants.maySubscribe("x"));
    }

    @Test
    void otherDetailTypesAreIgnoredEvenWithForeignShapes() throws Exception {
        String foreign = "{\"type\":\"https://example.com/other\",\"topics\":\"not-an-array\",\"actions\":7}";
        Grants grants = verify(accessToken("[" + foreign + "," + detail("[\"publish\"]", ALL) + "]"));

        assertTrue(grants.mayPublish("x"));
    }

    @Test
    void detailTypeIsComparedByteForByte() throws Exception {
        String almost = detail("[\"publish\"]", ALL).replace(DETAIL_TYPE, DETAIL_TYPE.toUpperCase());

        assertFalse(verify(accessToken("[" + almost + "]")).mayPublish("x"));
    }

    @Test
    void mercureClaimIsIgnoredInAccessTokens() throws Exception {
        String token = hs256(AT_JWT_HS256, "{\"iss\":\"mercure\",\"aud\":\"" + HUB + "\",\"exp\":" + (NOW_S + 60)
                + ",\"mercure\":{\"publish\":[\"*\"]}}");

        assertFalse(verify(token).mayPublish("x"));
    }

    @Test
    void unknownActionsAreIgnored() throws Exception {
        Grants grants = verify(accessToken("[" + detail("[\"moderate\",\"subscribe\"]", ALL) + "]"));

        assertTrue(grants.maySubscribe("x"));
        assertFalse(grants.mayPublish("x"));
    }

    @Test
    void nonStringActionIsRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\",{\"a\":1}]", ALL) + "]"), "non-string action");
    }

    @Test
    void emptyActionsAreRejected() {
        assertRejected(accessToken("[" + detail("[]", ALL) + "]"), "actions");
    }

    @Test
    void missingTopicsAreRejected() {
        assertRejected(accessToken("[{\"type\":\"" + DETAIL_TYPE + "\",\"actions\":[\"publish\"]}]"), "topics");
    }

    @Test
    void emptyTopicsAreRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", "[]") + "]"), "topics");
    }

    @Test
    void bareStringTopicIsRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", "[\"*\"]") + "]"), "not an object");
    }

    @Test
    void topicWithoutMatchIsRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", "[{\"match_type\":\"exact\"}]") + "]"), "no match");
    }

    @Test
    void emptyMatchIsRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", "[{\"match\":\"\"}]") + "]"), "no match");
    }

    @Test
    void controlCharacterInMatchIsRejected() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", "[{\"match\":\"a\\u0001b\"}]") + "]"), "control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Exact\"", "\"regex\"", "\"template\"", "42"})
    void unsupportedMatchTypeIsRejected(String matchType) {
        assertRejected(accessToken("[" + detail("[\"publish\"]",
                "[{\"match\":\"https://e.x/1\",\"match_type\":" + matchType + "}]") + "]"), "match_type");
    }

    @Test
    void explicitExactMatchTypeMatchesByteForByte() throws Exception {
        Grants grants = verify(accessToken("[" + detail("[\"subscribe\"]",
                "[{\"match\":\"https://e.x/A\",\"match_type\":\"exact\"}]") + "]"));

        assertTrue(grants.maySubscribe("https://e.x/A"));
        assertFalse(grants.maySubscribe("https://e.x/a"));
    }

    @Test
    void wildcardIsRecognisedWhateverTheMatchType() throws Exception {
        Grants grants = verify(accessToken("[" + detail("[\"subscribe\"]",
                "[{\"match\":\"*\",\"match_type\":\"urlpattern\"}]") + "]"));

        assertTrue(grants.maySubscribe("https://e.x/anything"));
    }

    @Test
    void malformedUrlPatternIsRejected() {
        assertRejected(accessToken("[" + detail("[\"subscribe\"]",
                "[{\"match\":\"https://e.x/(\",\"match_type\":\"urlpattern\"}]") + "]"), "malformed match");
    }

    @Test
    void payloadThatIsNotAnObjectIsRejected() {
        String detail = detail("[\"subscribe\"]", ALL).replace("}]}", "}],\"payload\":[1,2]}");

        assertRejected(accessToken("[" + detail + "]"), "payload");
    }

    @Test
    void oneInvalidDetailInvalidatesTheWholeToken() {
        assertRejected(accessToken("[" + detail("[\"publish\"]", ALL) + "," + detail("[\"subscribe\"]", "[]") + "]"), "topics");
    }

    @Test
    void authorizationDetailsThatIsNotAnArrayIsRejected() {
        assertRejected(accessToken(detail("[\"publish\"]", ALL)), "not an array");
    }

    @Test
    void matchLongerThan4096CharactersIsRejected() {
        String match = "https://e.x/" + "a".repeat(4097 - 12);

        assertRejected(accessToken("[" + detail("[\"publish\"]", "[{\"match\":\"" + match + "\"}]") + "]"), "4096");
    }

    @Test
    void matchOf4096CharactersIsAccepted() throws Exception {
        String match = "https://e.x/" + "a".repeat(4096 - 12);

        assertTrue(verify(accessToken("[" + detail("[\"publish\"]", "[{\"match\":\"" + match + "\"}]") + "]"))
                .mayPublish(match));
    }

    @Test
    void moreThanAHundredMercureDetailsAreRejected() {
        String one = detail("[\"publish\"]", "[{\"match\":\"a\"}]");
        String details = "[" + String.join(",", Collections.nCopies(101, one)) + "]";

        assertRejected(accessToken(details), "100");
    }

    @Test
    void moreThanAThousandTopicsAcrossDetailsAreRejected() {
        // 1001 topics do not fit in a 16 KiB token, so the cap is checked on the parsed claim.
        List<Object> details = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            details.add(Map.of("type", DETAIL_TYPE, "actions", List.of("publish"),
                    "topics", Collections.nCopies(i < 10 ? 100 : 1, Map.of("match", "a"))));
        }

        assertThrows(InvalidTokenException.class, () -> GrantReader.draft08(details, HUB));
    }

    @Test
    void aThousandTopicsAcrossDetailsAreAccepted() throws Exception {
        List<Object> details = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            details.add(Map.of("type", DETAIL_TYPE, "actions", List.of("publish"),
                    "topics", Collections.nCopies(100, Map.of("match", "a"))));
        }

        assertEquals(10, GrantReader.draft08(details, HUB).size());
    }
}
