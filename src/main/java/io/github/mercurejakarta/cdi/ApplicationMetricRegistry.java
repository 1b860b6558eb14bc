package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The application's {@link MetricRegistry}, injected through a real injection point: MicroProfile
 * Metrics implementations read the point's annotations to pick the registry ({@code @RegistryScope}), and
 * SmallRye's producer on Open Liberty fails on a programmatic {@code CDI.current().select(...)} lookup,
 * which has none.
 *
 * <p>Not a bean by itself (no bean-defining annotation, so annotated discovery skips it and never loads
 * the optional API): {@link MercureExtension} adds it only when the MicroProfile Metrics API is on the
 * class path. {@code Instance} keeps the deployment valid where the API is visible but no registry is
 * provided.
 */
public class ApplicationMetricRegistry {

    @Inject
    Instance<MetricRegistry> registry;

    /**
     * Registers the embedded hub's metrics on the thread of the first request it serves, not when the
     * extension starts the hub: Open Liberty attributes a metric to an application by the thread's
     * application context, which its start-up observers lack (registered there, every application's gauges
     * land in one registry that no application's scrape shows).
     */
    void registerHubMetrics(@Observes EmbeddedHub.FirstRequest first, MercureExtension extension, Instance<Object> beans) {
        extension.metricsRegistered(MicroProfileMetrics.register(first.hub(), beans));
    }

    /** @return the application registry, or null when no MicroProfile Metrics implementation provides one */
    MetricRegistry get() {
        return registry.isResolvable() ? registry.get() : null;
    }
}
