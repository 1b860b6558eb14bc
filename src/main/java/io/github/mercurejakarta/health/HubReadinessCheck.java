package io.github.mercurejakarta.health;

import io.github.mercurejakarta.cdi.EmbeddedHub;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The embedded hub's readiness for MicroProfile Health ({@code /health/ready}): down while the transport
 * cannot take updates (Redis unreachable); see {@link HubHealth}.
 *
 * <p>No bean-defining annotation on purpose: {@link HealthChecksExtension} adds it as a bean only when the
 * MicroProfile Health API is on the class path, so that the library deploys without it.
 */
@Readiness
public class HubReadinessCheck implements HealthCheck {

    @Inject
    EmbeddedHub embedded;

    @Override
    public HealthCheckResponse call() {
        return embedded.hub().map(hub -> MicroProfileHealth.response(HubHealth.readiness(hub)))
                .orElseGet(() -> MicroProfileHealth.external(HubHealth.READINESS));
    }
}
