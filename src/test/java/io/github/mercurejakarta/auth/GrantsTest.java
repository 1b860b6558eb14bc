package io.github.mercurejakarta.auth;

import static io.github.mercurejakarta.auth.TestTokens.CONTEXT;
import static io.github.mercurejakarta.auth.TestTokens.SECRET;
import static io.github.mercurejakarta.auth.TestTokens.accessToken;
import static io.github.mercurejakarta.auth.TestTokens.detail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** What verified grants answer: topic checks, payload precedence, JSON output. */
class GrantsTest {

    private static Grants verify(String... details) throws InvalidTokenException {
        return new TokenVerifier(VerificationKey.hmac(SECRET)).verify(accessToken(Arrays.toString(details)), CONTEXT);
    }

    private static String subscribe(String match, String payloadJson) {
        String d = detail("[\"subscribe\"]", "[{\"match\":\"" + match + "\"}]");
        return payloadJson == null ? d : d.substring(0, d.length() - 1) + ",\"payload\":" + payloadJson + "}";
    }

    @Test
    void payloadComesFromTheFirstMatchingSubscribeDetail() throws Exception {
        Grants grants = verify(subscribe("https://e.x/a", "{\"n\":1}"), subscribe("https://e.x/a", "{\"n\":2}"));

        assertEquals(Optional.of(Map.of("n", 1L)), grants.payloadFor("https://e.x/a"));
    }

    @Test
    void wildcardDetailPlacedLastActsAsTheDefault() throws Exception {
        Grants grants = verify(subscribe("https://e.x/a", "{\"who\":\"specific\"}"), subscribe("*", "{\"who\":\"default\"}"));

        assertEquals(Optional.of(Map.of("who", "specific")), grants.payloadFor("https://e.x/a"));
        assertEquals(Optional.of(Map.of("who", "default")), grants.payloadFor("https://e.x/other"));
    }

    @Test
    void wildcardDetailPlacedFirstShadowsLaterOnes() throws Exception {
        Grants grants = verify(subscribe("*", "{\"who\":\"default\"}"), subscribe("https://e.x/a", "{\"who\":\"specific\"}"));

        assertEquals(Optional.of(Map.of("who", "default")), grants.payloadFor("https://e.x/a"));
    }

    @Test
    void firstMatchingDetailWithoutPayloadMeansNoPayload() throws Exception {
        Grants grants = verify(subscribe("https://e.x/a", null), subscribe("*", "{\"who\":\"default\"}"));

        assertEquals(Optional.empty(), grants.payloadFor("https://e.x/a"));
    }

    @Test
    void publishDetailsNeverProvidePayloads() throws Exception {
        String publish = detail("[\"publish\"]", "[{\"match\":\"*\"}]");
        Grants grants = verify(publish.substring(0, publish.length() - 1) + ",\"payload\":{\"p\":1}}",
                subscribe("*", "{\"s\":1}"));

        assertEquals(Optional.of(Map.of("s", 1L)), grants.payloadFor("https://e.x/a"));
    }

    @Test
    void selectorNotCoveredByAnyDetailHasNoPayload() throws Exception {
        assertEquals(Optional.empty(), verify(subscribe("https://e.x/a", "{\"n\":1}")).payloadFor("https://e.x/b"));
    }

    @Test
    void anonymousGrantsNothing() {
        assertEquals(Optional.empty(), Grants.NONE.dialect());
        assertEquals(Optional.empty(), Grants.NONE.expiresAt());
        assertFalse(Grants.NONE.mayPublish("x"));
        assertFalse(Grants.NONE.maySubscribeToAny(List.of("x", "*")));
        assertEquals(Optional.empty(), Grants.NONE.payloadFor("*"));
    }

    @Test
    void publishingNeedsAGrantOnEveryTopic() throws Exception {
        Grants grants = verify(detail("[\"publish\"]", "[{\"match\":\"a\"}]"));

        assertTrue(grants.mayPublishAll(List.of("a")));
        assertFalse(grants.mayPublishAll(List.of("a", "b")));
        assertFalse(grants.mayPublishAll(List.of()));
    }

    @Test
    void privateDeliveryNeedsAGrantOnOneTopic() throws Exception {
        Grants grants = verify(subscribe("b", null));

        assertTrue(grants.maySubscribeToAny(List.of("a", "b")));
        assertFalse(grants.maySubscribeToAny(List.of("a", "c")));
    }

    @Test
    void detailWithBothActionsGrantsBoth() throws Exception {
        Grants grants = verify(detail("[\"publish\",\"subscribe\"]", "[{\"match\":\"t\"}]"));

        assertTrue(grants.mayPublish("t"));
        assertTrue(grants.maySubscribe("t"));
        assertEquals(List.of("t"), grants.publishMatchers().stream().map(m -> m.selector()).toList());
    }

    @Test
    void toJsonRoundTripsThroughJose4jsParser() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t nul \u0000 é 😀");
        value.put("n", 42L);
        value.put("d", 1.5);
        value.put("b", true);
        value.put("null", null);
        value.put("list", Arrays.asList(1L, "x", null, Map.of()));

        assertEquals(value, JsonUtil.parseJson(Grants.toJson(value)));
    }

    @Test
    void toJsonIsCompact() {
        assertEquals("{\"a\":[1,\"b\"]}", Grants.toJson(Map.of("a", List.of(1, "b"))));
    }

    @Test
    void toJsonRefusesValuesWithoutAJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Grants.toJson(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Grants.toJson(Double.NaN));
    }
}
