package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TracingState;
import io.github.mercurejakarta.tracing.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

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

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    /** Read once, when the embedded hub starts (not a proxy: the hub calls it on every publish). */
    @Produces
    HubTracing hubTracing() {
        if (!openTelemetry.isResolvable()) {
            TracingState.log(HubTracing.OFF, "the OpenTelemetry API is visible but no OpenTelemetry bean"
                    + " (enable MicroProfile Telemetry: mpTelemetry-2.0 on Open Liberty)");
            return HubTracing.OFF;
        }
        try {
            HubTracing tracing = OpenTelemetryTracing.of(openTelemetry.get(), "spans go to MicroProfile Telemetry");
            TracingState.log(tracing, "MicroProfile Telemetry makes no spans (otel.sdk.disabled is not false)");
            return tracing;
        } catch (RuntimeException | LinkageError e) {
            TracingState.unusable(e);
            return HubTracing.OFF;
        }
    }
}
