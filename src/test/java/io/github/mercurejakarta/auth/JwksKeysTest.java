package io.github.mercurejakarta.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.JwksServer;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JwksKeys} against a real HTTP server ({@link JwksServer}) serving real key sets: every algorithm, key
 * choice by kid, rotation, the rate limit, the cache-life bounds, an endpoint that fails. Time is a clock the
 * test moves (for the rate limit and the reported freshness); nothing waits.
 */
class JwksKeysTest {

    private static final String ISSUER = "https://auth.example.com/";
    private static final VerificationContext CONTEXT = VerificationContext.forHub(TestTokens.HUB);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T12:00:00Z"));
    private final List<JwksServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(JwksServer::close);
    }

    private JwksServer server(String json) {
        JwksServer s = JwksServer.start(json);
        servers.add(s);
        return s;
    }

    private JwksKeys keys(JwksServer server, Duration minRefreshInterval) {
        JwksKeys keys = new JwksKeys(URI.create(server.url()),
                JwksKeys.Settings.DEFAULTS.withMinRefreshInterval(minRefreshInterval), clock);
        keys.refresh();
        return keys;
    }

    static KeyPair generate(String algorithm, String curve, int rsaBits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            g.initialize(new ECGenParameterSpec(curve));
        } else if (rsaBits > 0) {
            g.initialize(rsaBits);
        }
        return g.generateKeyPair();
    }

    /** A JWK Set holding the public halves of {@code pairs}, with their kids. */
    static String jwks(Map<String, KeyPair> pairs) throws Exception {
        List<String> jwk = new ArrayList<>();
        for (Map.Entry<String, KeyPair> e : pairs.entrySet()) {
            PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(e.getValue().getPublic());
            k.setKeyId(e.getKey());
            k.setUse("sig");
            jwk.add(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return "{\"keys\":[" + String.join(",", jwk) + "]}";
    }

    private static KeyPair pairFor(String alg) throws Exception {
        return switch (alg) {
            case "ES256" -> generate("EC", "secp256r1", 0);
            case "ES384" -> generate("EC", "secp384r1", 0);
            case "ES512" -> generate("EC", "secp521r1", 0);
            case "EdDSA" -> generate("Ed25519", null, 0);
            default -> generate("RSA", null, 2048);
        };
    }

    private static String draft08(KeyPair pair, String alg, String kid) {
        SigningKey signing = SigningKey.of(pair).withAlgorithm(alg);
        if (kid != null) {
            signing = signing.withKeyId(kid);
        }
        return new TokenFactory().draft08(signing, ISSUER, TestTokens.HUB, "alice", List.of(TopicGrant.all()),
                List.of(), null, Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void everyAsymmetricAlgorithmVerifiesWithTheKeyItsKidNames(String alg) throws Exception {
        KeyPair pair = pairFor(alg);
        KeyPair other = pairFor(alg); // another key of the same type in the set: the kid, not the type, must choose
        JwksServer server = server(jwks(Map.of("other", other, "k1", pair)));
        TokenVerifier verifier = new TokenVerifier(keys(server, Duration.ofHours(1)), ISSUER);

        Grants grants = verifier.verify(draft08(pair, alg, "k1"), CONTEXT);
        assertTrue(grants.mayPublish("https://example.com/anything"));
        // the same token claiming the other key's kid does not verify
        assertThrows(InvalidTokenException.class, () -> verifier.verify(draft08(pair, alg, "other"), CONTEXT));
    }

    @Test
    void aTokenWhoseKeyIsInNoSetIsRefusedAfterOneFetchForItsKid() throws Exception {
        KeyPair k1 = generate("RSA", null, 2048);
        JwksServer server = server(jwks(Map.of("k1", k1)));
        TokenVerifier verifier = new TokenVerifier(keys(server, Duration.ZERO), ISSUER);
        assertEquals(1, server.requests());

        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(draft08(generate("RSA", null, 2048), "RS256", "stranger"), CONTEXT));
        assertTrue(e.getMessage().contains("no key with that kid"), e.getMessage());
        assertEquals(2, server.requests(), "an unknown kid fetches the set again once");
        // a token signed by another key under a known kid fails on the signature, with no fetch
        assertThrows(InvalidTokenException.class, () -> verifier.verify(draft08(generate("RSA", null, 2048), "RS256", "k1"), CONTEXT));
        assertEquals(2, server.requests());
    }

    @Test
    void aRotationIsPickedUpByTheFirstTokenNamingTheNewKidAndTheRemovedKeyStopsWorking() throws Exception {
        KeyPair old = generate("EC", "secp256r1", 0);
        KeyPair next = generate("EC", "secp256r1", 0);
        JwksServer server = server(jwks(Map.of("2026-08", old)));
        JwksKeys keys = keys(server, Duration.ofSeconds(10));
        VerifiedTokens tokens = new VerifiedTokens(new TokenVerifier(keys, ISSUER), VerifiedTokens.DEFAULT_SIZE);
        String oldToken = draft08(old, "ES256", "2026-08");
        tokens.verify(oldToken, CONTEXT);
        assertEquals(1, tokens.size());

        server.serve(jwks(Map.of("2026-09", next)));   // the old key is withdrawn, the new one published
        clock.advance(Duration.ofSeconds(11));          // past the rate limit
        Grants fresh = tokens.verify(draft08(next, "ES256", "2026-09"), CONTEXT);
        assertTrue(fresh.mayPublish("https://example.com/1"));
        assertEquals(2, server.requests());
        assertEquals(List.of("2026-09"), keys.status().keyIds());

        // the cached verification of the old token was made with a set that no longer holds its key
        assertThrows(InvalidTokenException.class, () -> tokens.verify(oldToken, CONTEXT));
    }

    @Test
    void aFloodOfForgedKidsCostsOneRequestPerInterval() throws Exception {
        KeyPair k1 = generate("RSA", null, 2048);
        KeyPair forger = generate("RSA", null, 2048);
        JwksServer server = server(jwks(Map.of("k1", k1)));
        TokenVerifier verifier = new TokenVerifier(keys(server, Duration.ofSeconds(10)), ISSUER);
        for (int i = 0; i < 200; i++) {
            String forged = draft08(forger, "RS256", UUID.randomUUID().toString());
            assertThrows(InvalidTokenException.class, () -> verifier.verify(forged, CONTEXT));
        }
        assertEquals(1, server.requests(), "within the interval: only the fetch at start");

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 200; i++) {
            String forged = draft08(forger, "RS256", UUID.randomUUID().toString());
            assertThrows(InvalidTokenException.class, () -> verifier.verify(forged, CONTEXT));
        }
        assertEquals(2, server.requests(), "one more request in the next interval");
        // the genuine key still verifies throughout
        verifier.verify(draft08(k1, "RS256", "k1"), CONTEXT);
    }

    @Test
    void anEndpointThatFailsLeavesTheKeysHeldInUseAndSaysSo() throws Exception {
        KeyPair k1 = generate("RSA", null, 2048);
        JwksServer server = server(jwks(Map.of("k1", k1)));
        JwksKeys keys = keys(server, Duration.ZERO);
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER);
        assertTrue(keys.status().reachable());

        server.fail(503);
        assertThrows(InvalidTokenException.class,
                () -> verifier.verify(draft08(generate("RSA", null, 2048), "RS256", "k2"), CONTEXT));
        JwksKeys.Status down = keys.status();
        assertFalse(down.reachable());
        assertTrue(down.usable(), "the keys held are kept");
        assertEquals(List.of("k1"), down.keyIds());
        assertTrue(down.lastError().contains("503"), down.lastError());
        assertNotNull(down.failedAt());
        verifier.verify(draft08(k1, "RS256", "k1"), CONTEXT);

        server.serve("this is not JSON");
        assertFalse(keys.refresh());
        assertTrue(keys.status().lastError().contains("not a JWK Set"), keys.status().lastError());
        assertEquals(List.of("k1"), keys.status().keyIds());

        server.serve(jwks(Map.of("k1", k1)));
        assertTrue(keys.refresh());
        assertTrue(keys.status().reachable());
        assertNull(keys.status().lastError());
    }

    @Test
    void withNoKeyEverFetchedEveryTokenIsRefusedUntilTheEndpointAnswers() throws Exception {
        KeyPair k1 = generate("EC", "secp384r1", 0);
        JwksServer server = server(jwks(Map.of("k1", k1)));
        server.fail(500);
        JwksKeys keys = keys(server, Duration.ofSeconds(10));
        assertFalse(keys.status().usable());
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER);
        String token = draft08(k1, "ES384", "k1");
        for (int i = 0; i < 20; i++) {
            assertThrows(InvalidTokenException.class, () -> verifier.verify(token, CONTEXT));
        }
        assertEquals(1, server.requests(), "a dead endpoint is not hammered either");

        server.serve(jwks(Map.of("k1", k1)));
        clock.advance(Duration.ofSeconds(10));
        verifier.verify(token, CONTEXT);
        assertTrue(keys.status().usable());
    }

    @Test
    void cacheLifeFollowsMaxAgeWithinBounds() throws Exception {
        JwksServer server = server(jwks(Map.of("k1", generate("RSA", null, 2048))));
        Instant t0 = clock.instant();
        assertEquals(Duration.ofMinutes(5), life(server, null), "no header: the default");
        assertEquals(Duration.ofMinutes(30), life(server, "public, max-age=1800"));
        assertEquals(Duration.ofMinutes(1), life(server, "max-age=0"), "raised to the minimum");
        assertEquals(Duration.ofMinutes(1), life(server, "no-store"));
        assertEquals(Duration.ofDays(1), life(server, "max-age=31536000"), "lowered to the maximum");
        assertEquals(t0, clock.instant());
    }

    private Duration life(JwksServer server, String cacheControl) {
        server.cacheControl(cacheControl);
        JwksKeys keys = keys(server, Duration.ZERO);
        JwksKeys.Status s = keys.status();
        return Duration.between(s.fetchedAt(), s.freshUntil());
    }

    @Test
    void hmacAndNoneAreNeverAcceptedWithAJwkSet() throws Exception {
        JwksServer server = server(jwks(Map.of("k1", generate("RSA", null, 2048))));
        TokenVerifier verifier = new TokenVerifier(keys(server, Duration.ZERO), ISSUER);
        String hs = new TokenFactory().draft08(SigningKey.hmac(TestTokens.SECRET).withKeyId("k1"), ISSUER,
                TestTokens.HUB, "eve", List.of(TopicGrant.all()), List.of(), null, Duration.ofMinutes(5));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(hs, CONTEXT));
        assertTrue(e.getMessage().contains("asymmetric"), e.getMessage());
        String none = TestTokens.b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + TestTokens.b64("{}") + ".x";
        assertThrows(InvalidTokenException.class, () -> verifier.verify(none, CONTEXT));
        assertEquals(1, server.requests(), "refused before any key lookup");
    }

    @Test
    void theGenerationChangesOnlyWhenTheSetDoes() throws Exception {
        KeyPair k1 = generate("RSA", null, 2048);
        JwksServer server = server(jwks(Map.of("k1", k1)));
        JwksKeys keys = keys(server, Duration.ZERO);
        long g = keys.generation();
        assertTrue(keys.refresh());
        assertEquals(g, keys.generation(), "the same set fetched again");
        server.serve(jwks(Map.of("k1", k1, "k2", generate("RSA", null, 2048))));
        assertTrue(keys.refresh());
        assertNotEquals(g, keys.generation());
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new JwksKeys(URI.create("file:///etc/jwks.json")));
        assertThrows(IllegalArgumentException.class, () -> new JwksKeys(URI.create("/jwks.json")));
        JwksKeys k = new JwksKeys(URI.create("https://auth.example.com/jwks.json"));
        assertSame(null, k.status().fetchedAt(), "nothing is fetched before refresh() or a token");
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
