package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded hub's tracing through MicroProfile Telemetry: the application's {@link OpenTelemetry} bean
 * (Open Liberty's {@code mpTelemetry-2.0}), as the {@link HubTracing} that {@code jaxrs.EmbeddedHub} builds
 * its hub with. Spans are then children of the server's span of the request that publishes or subscribes.
 *
 * <p>Not a bean by itself (no bean-defining annotation, so annotated discovery skips it and never loads
 * the optional API): {@link MercureExtension} adds it only when the OpenTelemetry API loads, so an
 * application without it deploys as before, with no spans. {@code Instance} keeps the deployment valid
 * where the API is visible but no server feature provides the bean.
 */
public class ApplicationTracing {

    private static final Logger LOG = Logger.getLogger(ApplicationTracing.class.getName());

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    /** Read once, when the embedded hub starts (not a proxy: the hub calls it on every publish). */
    @Produces
    HubTracing hubTracing() {
        if (!openTelemetry.isResolvable()) {
            LOG.info("MERCURE0702I tracing off: the OpenTelemetry API is visible but no OpenTelemetry bean"
                    + " (enable MicroProfile Telemetry: mpTelemetry-2.0 on Open Liberty)");
            return HubTracing.OFF;
        }
        try {
            HubTracing tracing = OpenTelemetryTracing.of(openTelemetry.get(), "MicroProfile Telemetry");
            if (tracing.enabled()) {
                LOG.info("MERCURE0701I tracing on: the hub's spans go to MicroProfile Telemetry");
            } else {
                LOG.info("MERCURE0702I tracing off: MicroProfile Telemetry makes no spans (otel.sdk.disabled is not false)");
            }
            return tracing;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "MERCURE0703W tracing off: MicroProfile Telemetry could not be used: {0}", e.toString());
            return HubTracing.OFF;
        }
    }
}
