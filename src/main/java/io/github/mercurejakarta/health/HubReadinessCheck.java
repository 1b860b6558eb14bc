package io.github.mercurejakarta.health;

import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import jakarta.enterprise.inject.Instance;
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

    /**
     * An {@code Instance}, resolved at each call, not a plain field: on Payara the types this library's
     * extension adds live in a bean archive that does not see the war's beans, so a plain injection point
     * fails deployment (WELD-001408); {@link MicroProfileHealth#embeddedHub} then asks {@code CDI.current()}.
     */
    @Inject
    Instance<EmbeddedHub> embeddedHub;

    @Override
    public HealthCheckResponse call() {
        EmbeddedHub embedded = MicroProfileHealth.embeddedHub(embeddedHub);
        return embedded.hub().map(hub -> MicroProfileHealth.response(HubHealth.readiness(hub, embedded.keySets())))
                .orElseGet(() -> MicroProfileHealth.external(HubHealth.READINESS));
    }
}
