package io.github.mercurejakarta.health;

import io.github.mercurejakarta.config.ClassPresence;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the hub's MicroProfile Health checks ({@link HubLivenessCheck}, {@link HubReadinessCheck}) when the
 * application has MicroProfile Health (on Open Liberty: the {@code mpHealth-4.0} feature), and nothing
 * otherwise: the library must deploy on servers and in applications without it.
 *
 * <p>Why in {@code BeforeBeanDiscovery} and by class presence: the check classes implement
 * {@code org.eclipse.microprofile.health.HealthCheck}, so merely loading them fails without the API; they
 * carry no bean-defining annotation (bean discovery skips them) and this extension adds them as beans
 * only once it has seen that the API loads, as SmallRye Fault Tolerance does for its optional
 * integrations. Nothing in this class's signatures names the API.
 */
public class HealthChecksExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(HealthChecksExtension.class.getName());
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

    void addHealthChecks(@Observes BeforeBeanDiscovery bbd) {
        if (!healthApiPresent()) {
            LOG.log(Level.FINE, "MicroProfile Health is absent: the hub's health checks are not registered");
            return;
        }
        bbd.addAnnotatedType(HubLivenessCheck.class, HubLivenessCheck.class.getName());
        bbd.addAnnotatedType(HubReadinessCheck.class, HubReadinessCheck.class.getName());
    }

    static boolean healthApiPresent() {
        // asked at each call, from the library's loader and then the deployment's: on Payara the
        // API may be visible to the application only
        return ClassPresence.loadsFromAny(HEALTH_API, HealthChecksExtension.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader());
    }
}
