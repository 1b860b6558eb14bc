package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.health.HealthChecksExtension;
import io.github.mercurejakarta.health.HubHealth;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.smallrye.config.inject.ConfigExtension;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub's MicroProfile Health checks in a real CDI container (Weld SE, discovery off): the extension
 * adds them when the API is on the class path (it is here, as in an application with MicroProfile
 * Health), and they report the embedded hub. That the library deploys without the API is shown on Open
 * Liberty, whose test server has no mpHealth feature.
 */
class HealthChecksTest {

    private WeldContainer container;

    @AfterEach
    void shutDown() {
        if (container != null) {
            container.shutdown();
        }
        TestConfigSource.VALUES.clear();
    }

    private WeldContainer boot() {
        container = new Weld("health-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(EmbeddedHub.class)
                .addExtension(new ConfigExtension())
                .addExtension(new HealthChecksExtension())
                .initialize();
        return container;
    }

    private HealthCheckResponse call(java.lang.annotation.Annotation kind) {
        List<HealthCheck> checks = container.select(HealthCheck.class, kind).stream().toList();
        assertEquals(1, checks.size(), "one check of this kind is registered: " + checks);
        return checks.get(0).call();
    }

    @Test
    void theEmbeddedHubIsLiveAndReadyWithTheLocalTransport() {
        boot();
        HealthCheckResponse ready = call(Readiness.Literal.INSTANCE);
        assertEquals(HubHealth.READINESS, ready.getName());
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals("local", ready.getData().orElseThrow().get("transport"), "names the transport");
        HealthCheckResponse live = call(Liveness.Literal.INSTANCE);
        assertEquals(HubHealth.LIVENESS, live.getName());
        assertEquals(HealthCheckResponse.Status.UP, live.getStatus());
        assertEquals(Boolean.TRUE, live.getData().orElseThrow().get("running"));
    }

    @Test
    void bothChecksGoDownOnceTheHubIsClosed() {
        boot();
        container.select(EmbeddedHub.class).get().hub().orElseThrow().close();
        assertEquals(HealthCheckResponse.Status.DOWN, call(Readiness.Literal.INSTANCE).getStatus(), "not ready once closed");
        assertEquals(HealthCheckResponse.Status.DOWN, call(Liveness.Literal.INSTANCE).getStatus(), "not live once closed");
    }

    @Test
    void withAnExternalHubTheChecksAreUpAndSaySo() {
        TestConfigSource.VALUES.put("mercure.hub.url", "https://hub.example/.well-known/mercure");
        TestConfigSource.VALUES.put("mercure.publisher.jwt", "eyJhbGciOiJIUzI1NiJ9.e30.x");
        boot();
        HealthCheckResponse ready = call(Readiness.Literal.INSTANCE);
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals("external", ready.getData().orElseThrow().get("hub"), "there is no embedded hub to check");
        assertFalse(container.select(EmbeddedHub.class).get().hub().isPresent());
        assertTrue(call(Liveness.Literal.INSTANCE).getStatus() == HealthCheckResponse.Status.UP);
    }
}
