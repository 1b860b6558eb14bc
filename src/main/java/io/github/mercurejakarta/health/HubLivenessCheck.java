package io.github.mercurejakarta.health;

import io.github.mercurejakarta.cdi.EmbeddedHub;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The embedded hub's liveness for MicroProfile Health ({@code /health/live}): see {@link HubHealth}.
 *
 * <p>No bean-defining annotation on purpose: {@link HealthChecksExtension} adds it as a bean only when the
 * MicroProfile Health API is on the class path, so that the library deploys without it.
 */
@Liveness
public class HubLivenessCheck implements HealthCheck {

    @Inject
    EmbeddedHub embedded;

    @Override
    public HealthCheckResponse call() {
        return embedded.hub().map(hub -> MicroProfileHealth.response(HubHealth.liveness(hub)))
                .orElseGet(() -> MicroProfileHealth.external(HubHealth.LIVENESS));
    }
}
