package io.github.mercurejakarta.health;

import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import jakarta.enterprise.inject.Instance;
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

    /**
     * An {@code Instance}, resolved at each call, not a plain field: on Payara the types this library's
     * extension adds live in a bean archive that does not see the war's beans, so a plain injection point
     * fails deployment (WELD-001408); {@link MicroProfileHealth#embeddedHub} then asks {@code CDI.current()}.
     */
    @Inject
    Instance<EmbeddedHub> embeddedHub;

    @Override
    public HealthCheckResponse call() {
        return MicroProfileHealth.embeddedHub(embeddedHub).hub().map(hub -> MicroProfileHealth.response(HubHealth.liveness(hub)))
                .orElseGet(() -> MicroProfileHealth.external(HubHealth.LIVENESS));
    }
}
