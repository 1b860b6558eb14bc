package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MercureExtension} in Weld SE (discovery off): the embedded hub starts with the application and stops
 * before its beans are destroyed ({@code @Initialized} / {@code @BeforeDestroyed(ApplicationScoped.class)}); two
 * {@link SubscriberPayload} beans fail the deployment, naming both.
 */
class MercureExtensionTest {

    private static final Logger HUB_LOG = Logger.getLogger(EmbeddedHub.class.getName());

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WeldContainer container;

    @BeforeEach
    void captureLog() {
        TestConfigSource.VALUES.clear();
        HUB_LOG.addHandler(capture);
        ShutdownWitness.hubRunning = null;
    }

    @AfterEach
    void shutDown() {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
        HUB_LOG.removeHandler(capture);
        TestConfigSource.VALUES.clear();
    }

    private WeldContainer boot(Class<?>... beans) {
        container = new Weld("mercure-extension-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(EmbeddedHub.class)
                .addBeanClasses(beans)
                .addExtension(new ConfigExtension())
                .addExtension(new MercureExtension())
                .initialize();
        return container;
    }

    private boolean loggedStart() {
        return logged.stream().anyMatch(m -> m.startsWith("MERCURE0001I"));
    }

    @Test
    void theEmbeddedHubStartsWithTheApplicationBeforeAnyUse() {
        boot();
        assertTrue(loggedStart(), "MERCURE0001I is logged while the container starts, before any bean is used: " + logged);
    }

    @Test
    void noEmbeddedHubStartsWhenAnExternalHubIsConfigured() {
        TestConfigSource.VALUES.put("mercure.hub.url", "https://hub.example/.well-known/mercure");
        TestConfigSource.VALUES.put("mercure.publisher.jwt", "eyJhbGciOiJIUzI1NiJ9.e30.x");
        boot();
        assertFalse(loggedStart(), "no embedded hub with an external one: " + logged);
        assertTrue(container.select(EmbeddedHub.class).get().hub().isEmpty(), "the embedded hub stays off");
    }

    @Test
    void aHubThatCannotStartFailsTheStartUpWithANumberedMessage() {
        TestConfigSource.VALUES.put("mercure.hub.transport", "redis://127.0.0.1:1");
        RuntimeException e = assertThrows(RuntimeException.class, this::boot, "the container does not start");
        assertTrue(logged.stream().anyMatch(m -> m.startsWith("MERCURE0006E the embedded Mercure hub could not start: ")
                        && m.contains("127.0.0.1:1")),
                "MERCURE0006E names what failed: " + logged + " / " + e);
    }

    @Test
    void theHubIsStoppedBeforeTheApplicationsBeansAreDestroyed() {
        boot(ShutdownWitness.class);
        Hub hub = container.select(EmbeddedHub.class).get().hub().orElseThrow();
        container.select(ShutdownWitness.class).get().touch();
        assertTrue(hub.isRunning());
        container.shutdown();
        assertEquals(Boolean.FALSE, ShutdownWitness.hubRunning,
                "an application observer of @BeforeDestroyed(ApplicationScoped) finds the hub stopped");
        assertFalse(hub.isRunning());
    }

    /** An application bean that looks at the hub when the application context is about to go. */
    @ApplicationScoped
    static class ShutdownWitness {
        static volatile Boolean hubRunning;

        @Inject
        EmbeddedHub embedded;

        void touch() {
        }

        void beforeDestroyed(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000)
                             @BeforeDestroyed(ApplicationScoped.class) Object context) {
            hubRunning = embedded.hub().orElseThrow().isRunning();
        }
    }

    @Test
    void twoSubscriberPayloadBeansFailTheDeploymentNamingBoth() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> boot(UserPayload.class, TenantPayload.class));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("more than one SubscriberPayload bean")
                        && message.contains(UserPayload.class.getName()) && message.contains(TenantPayload.class.getName()),
                "the deployment problem names both beans: " + message);
    }

    @Test
    void anAlternativeWithAPriorityIsNoAmbiguity() {
        boot(UserPayload.class, PreferredPayload.class);
        assertTrue(container.select(SubscriberPayload.class).isResolvable(), "the alternative wins, as at run time");
    }

    @Test
    void oneSubscriberPayloadBeanDeploys() {
        boot(UserPayload.class);
        assertTrue(container.select(SubscriberPayload.class).isResolvable());
    }

    @ApplicationScoped
    static class UserPayload implements SubscriberPayload {
        @Override
        public Map<String, Object> payload(Collection<String> topics) {
            return Map.of("user", 42);
        }
    }

    @ApplicationScoped
    static class TenantPayload implements SubscriberPayload {
        @Override
        public Map<String, Object> payload(Collection<String> topics) {
            return Map.of("tenant", "t1");
        }
    }

    @ApplicationScoped
    @Alternative
    @Priority(1)
    static class PreferredPayload implements SubscriberPayload {
        @Override
        public Map<String, Object> payload(Collection<String> topics) {
            return Map.of();
        }
    }
}
