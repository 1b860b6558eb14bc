package io.github.mercurejakarta.health;

import io.github.mercurejakarta.auth.JwksKeys;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.hub.SubscriptionRequest;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.testsupport.JwksServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HubHealth} on a real {@link Hub} with the local transport. */
class HubHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final CountDownLatch release = new CountDownLatch(1);
    private Hub hub;

    @AfterEach
    void close() {
        release.countDown();
        if (hub != null) {
            hub.close();
        }
    }

    private Hub hub() {
        // no dispatch timeout: the blocked writes below must stay blocked
        hub = Hub.create(MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "0", "mercure.hub.dispatch.timeout", "0")));
        return hub;
    }

    @Test
    void aRunningLocalHubIsLiveAndReady() {
        Hub h = hub();
        HubHealth.Check live = HubHealth.liveness(h);
        assertTrue(live.up(), "live: " + live);
        assertEquals(HubHealth.LIVENESS, live.name());
        HubHealth.Check ready = HubHealth.readiness(h);
        assertTrue(ready.up(), "ready: " + ready);
        assertEquals(Map.of("transport", "local"), ready.data());
    }

    @Test
    void readinessShowsEachJwkSetAndIsDownOnlyWhileOneHoldsNoKey() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        org.jose4j.jwk.PublicJsonWebKey jwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(g.generateKeyPair().getPublic());
        jwk.setKeyId("k1");
        String set = "{\"keys\":[" + jwk.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        try (JwksServer good = JwksServer.start(set); JwksServer down = JwksServer.start(set)) {
            JwksKeys held = new JwksKeys(java.net.URI.create(good.url()),
                    JwksKeys.Settings.DEFAULTS.withMinRefreshInterval(Duration.ZERO));
            held.refresh();
            Hub h = hub();
            HubHealth.Check ready = HubHealth.readiness(h, List.of(held));
            assertTrue(ready.up(), ready.toString());
            assertTrue(String.valueOf(ready.data().get("jwks " + good.url())).startsWith("1 key(s), fetched "), ready.toString());

            good.fail(503);
            held.refresh();
            ready = HubHealth.readiness(h, List.of(held));
            assertTrue(ready.up(), "the key held still verifies: " + ready);
            assertTrue(String.valueOf(ready.data().get("jwks " + good.url())).contains("unreachable since"), ready.toString());

            down.fail(500);
            JwksKeys none = new JwksKeys(java.net.URI.create(down.url()));
            none.refresh();
            ready = HubHealth.readiness(h, List.of(held, none));
            assertFalse(ready.up(), "a set with no key: every token would be refused: " + ready);
            assertTrue(String.valueOf(ready.data().get("jwks " + down.url())).startsWith("0 key(s), unreachable since"), ready.toString());
        }
    }

    @Test
    void aClosedHubIsNeitherLiveNorReady() {
        Hub h = hub();
        h.close();
        assertFalse(HubHealth.liveness(h).up(), "not live once closed");
        assertFalse(HubHealth.readiness(h).up(), "not ready once closed");
    }

    @Test
    void writerThreadsThatAllBlockMakeTheHubNotLiveUntilTheyRunAgain() throws Exception {
        Hub h = hub();
        // writes that never return (a sink blocking its caller): each takes a writer thread for good
        SubscriberSink blocking = new SubscriberSink() {
            @Override
            public CompletionStage<?> write(byte[] bytes) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        for (int i = 0; i < threads + 2; i++) {
            h.subscribe(new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.wildcard()), null, null, null, null),
                    blocking).start(); // the opening comment is the first write
        }
        Duration stuckAfter = Duration.ofSeconds(1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        HubHealth.Check live;
        while ((live = HubHealth.liveness(h, stuckAfter)).up()) {
            assertTrue(System.nanoTime() < deadline, "not live once every writer thread is blocked for " + stuckAfter + ": " + live);
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertTrue((Long) live.data().get("writerDelayMillis") >= 1000, "says how long work has waited: " + live);
        assertTrue(HubHealth.readiness(h).up(), "readiness is about the transport, which is fine");
        release.countDown();
        while (!(live = HubHealth.liveness(h, stuckAfter)).up()) {
            assertTrue(System.nanoTime() < deadline + WAIT.toNanos(), "live again once the writers run: " + live);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
