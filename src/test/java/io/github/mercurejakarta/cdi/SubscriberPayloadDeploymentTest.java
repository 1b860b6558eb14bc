package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.SubscriberPayload;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two {@link SubscriberPayload} beans fail the deployment, naming both ({@link MercureExtension}), in Weld SE. */
class SubscriberPayloadDeploymentTest {

    private WeldContainer container;

    @AfterEach
    void shutDown() {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
    }

    private WeldContainer boot(Class<?>... beans) {
        container = new Weld("payload-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(EmbeddedHub.class)
                .addBeanClasses(beans)
                .addExtension(new ConfigExtension())
                .addExtension(new MercureExtension())
                .initialize();
        return container;
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
