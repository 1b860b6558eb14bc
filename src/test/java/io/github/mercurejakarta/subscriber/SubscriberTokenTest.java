package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.auth.TokenVerifier;
import io.github.mercurejakarta.auth.VerificationContext;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Subscriber tokens of both drafts: claims as the hub reads them, payload merging, key errors. */
class SubscriberTokenTest {

    private static final String HUB = "http://localhost:9080/app/.well-known/mercure";
    private static final String BOOK = "https://example.com/books/1";

    private static Grants verify(String token, String audience) throws Exception {
        return new TokenVerifier(VerificationKey.parse(Fixture.SECRET), "mercure")
                .verify(token, new VerificationContext(audience, HUB, Fixture.NOW));
    }

    @Test
    @SuppressWarnings("unchecked")
    void draft07TokensCarryTheMercureSubscribeClaim() throws Exception {
        String token = Fixture.draft07().access().subscriberToken(List.of(BOOK, "https://example.com/users/{id}"), null);
        Map<String, Object> mercure = (Map<String, Object>) Fixture.claims(token).get("mercure");
        assertEquals(List.of(BOOK, "https://example.com/users/{id}"), mercure.get("subscribe"));
        assertFalse(mercure.containsKey("publish"), "a subscriber token grants no publishing");
        assertFalse(mercure.containsKey("payload"), "no payload when none is given");
        Grants grants = verify(token, HUB);
        assertEquals(Dialect.DRAFT_07, grants.dialect().orElseThrow());
        assertTrue(grants.maySubscribe("https://example.com/users/42"), "templates are draft-07 selectors");
    }

    @Test
    void tokensExpireAfterTheConfiguredTtl() {
        String token = Fixture.draft07().set("mercure.subscriber.token.ttl", "120").access().subscriberToken(List.of(BOOK), null);
        assertEquals(Fixture.NOW.getEpochSecond() + 120, ((Number) Fixture.claims(token).get("exp")).longValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void draft08TokensAreAccessTokensForTheBrowsersHub() throws Exception {
        String token = Fixture.draft08().access().subscriberToken(List.of(BOOK), null);
        assertEquals("at+jwt", Fixture.header(token).get("typ"));
        Map<String, Object> claims = Fixture.claims(token);
        assertEquals("mercure", claims.get("iss"));
        assertEquals(HUB, claims.get("aud"), "the audience is the hub URL the browser uses");
        assertEquals(Fixture.NOW.getEpochSecond() + 3600, ((Number) claims.get("exp")).longValue());
        List<Map<String, Object>> details = (List<Map<String, Object>>) claims.get("authorization_details");
        assertEquals(1, details.size(), "one subscribe detail");
        assertEquals("https://mercure.rocks/authorization-detail", details.get(0).get("type"));
        assertEquals(List.of("subscribe"), details.get(0).get("actions"));
        assertEquals(List.of(Map.of("match", BOOK, "match_type", "exact")), details.get(0).get("topics"));
        Grants grants = verify(token, HUB);
        assertTrue(grants.maySubscribe(BOOK));
        assertFalse(grants.maySubscribe("https://example.com/books/2"), "exact grants only");
    }

    @Test
    void draft08WildcardGrantsEveryTopic() throws Exception {
        String token = Fixture.draft08().access().subscriberToken(List.of("*"), null);
        assertTrue(verify(token, HUB).maySubscribe("https://anything.example/x"));
    }

    @Test
    void draft08UsesTheConfiguredIssuerAndAudience() {
        String token = Fixture.draft08().set("mercure.hub.issuer", "https://app.example")
                .set("mercure.hub.audience", "https://hub.example/resource").access().subscriberToken(List.of(BOOK), null);
        Map<String, Object> claims = Fixture.claims(token);
        assertEquals("https://app.example", claims.get("iss"));
        assertEquals("https://hub.example/resource", claims.get("aud"));
    }

    @Test
    void draft08AudienceIsThePublicHubUrl() {
        String token = Fixture.draft08().set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure")
                .access().subscriberToken(List.of(BOOK), null);
        assertEquals("https://hub.example.com/.well-known/mercure", Fixture.claims(token).get("aud"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExplicitPayloadWinsOverTheHooks() {
        Fixture f = Fixture.draft07().payloads(topics -> Map.of("user", "alice", "role", "reader", "topics", List.copyOf(topics)));
        String token = f.access().subscriberToken(List.of(BOOK), Map.of("role", "editor"));
        Map<String, Object> mercure = (Map<String, Object>) Fixture.claims(token).get("mercure");
        assertEquals(Map.of("user", "alice", "role", "editor", "topics", List.of(BOOK)), mercure.get("payload"),
                "hook payload, explicit keys over it; the hook sees the topics");
    }

    @Test
    @SuppressWarnings("unchecked")
    void draft08PayloadGoesOnTheSubscribeDetail() throws Exception {
        String token = Fixture.draft08().payloads(topics -> Map.of("user", "alice")).access().subscriberToken(List.of(BOOK), null);
        List<Map<String, Object>> details = (List<Map<String, Object>>) Fixture.claims(token).get("authorization_details");
        assertEquals(Map.of("user", "alice"), details.get(0).get("payload"));
        assertEquals(Map.of("user", "alice"), verify(token, HUB).payloadFor(BOOK).orElseThrow());
    }

    @Test
    void theSubscriberKeyWinsOverTheSharedSecret() throws Exception {
        String token = Fixture.draft07().set("mercure.secret.key", "the-shared-application-secret-of-32b!")
                .access().subscriberToken(List.of(BOOK), null);
        verify(token, HUB);
    }

    @Test
    void theSharedSecretServesWhenNoSubscriberKeyIsSet() throws Exception {
        String shared = "the-shared-application-secret-of-32b!";
        String token = Fixture.draft07().set("mercure.subscriber.secret.key", null).set("mercure.secret.key", shared)
                .access().subscriberToken(List.of(BOOK), null);
        new TokenVerifier(VerificationKey.parse(shared)).verify(token, new VerificationContext(HUB, HUB, Fixture.NOW));
    }

    @Test
    void withoutAKeyTheErrorNamesIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Fixture.draft07()
                .set("mercure.subscriber.secret.key", null).access().subscriberToken(List.of(BOOK), null));
        assertTrue(e.getMessage().contains("mercure.subscriber.secret.key"), e.getMessage());
    }

    @Test
    void noTopicsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fixture.draft08().access().subscriberToken(List.of(), null));
    }

    @Test
    void draft07AuthenticatedUrlCarriesAFreshToken() throws Exception {
        String url = Fixture.draft07().access().authenticatedHubUrl(List.of(BOOK), null);
        assertTrue(url.startsWith(HUB + "?topic=https://example.com/books/1&authorization="), url);
        String token = url.substring(url.indexOf("authorization=") + "authorization=".length());
        assertTrue(verify(token, HUB).maySubscribe(BOOK));
    }

    @Test
    void draft08RefusesTokensInUrls() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Fixture.draft08().access().authenticatedHubUrl(List.of(BOOK), null));
        assertTrue(e.getMessage().contains("cookie"), e.getMessage());
    }
}
