package io.github.mercurejakarta.server;

import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TracingState;
import io.github.mercurejakarta.tracing.opentelemetry.OpenTelemetryTracing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The standalone hub's tracing: the OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables
 * (or the {@code otel.*} system properties), and off unless they ask for it, so that a hub nobody traces
 * never loads the SDK.
 *
 * <p>On when {@code OTEL_TRACES_EXPORTER} names an exporter (not {@code none}), when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is set, or when
 * {@code OTEL_SDK_DISABLED=false} (MicroProfile Telemetry's switch); {@code OTEL_SDK_DISABLED=true} or
 * {@code OTEL_TRACES_EXPORTER=none} wins over all of them. Then every other {@code OTEL_*} variable means what the SDK's autoconfiguration says, with
 * these defaults: OTLP over HTTP/protobuf ({@code http://localhost:4318}), service name {@code mercure-hub},
 * no metrics and no logs exported (the hub's metrics are on {@code /metrics}).
 *
 * <pre>{@code
 * try (StandaloneTracing tracing = StandaloneTracing.fromEnvironment(System::getenv)) {
 *     Hub hub = Hub.create(config, tracing.tracing());
 * }
 * }</pre>
 */
public final class StandaloneTracing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StandaloneTracing.class.getName());

    private final HubTracing tracing;
    private final AutoCloseable sdk;

    private StandaloneTracing(HubTracing tracing, AutoCloseable sdk) {
        this.tracing = tracing;
        this.sdk = sdk;
    }

    /** No tracing. */
    public static StandaloneTracing off() {
        return new StandaloneTracing(HubTracing.OFF, () -> { });
    }

    /**
     * @param environment the process's environment ({@code System::getenv}); the {@code otel.*} system
     *                    properties are read too, and win, as the SDK does
     * @throws UserError when the variables turn tracing on with a value the SDK refuses (the message says which)
     */
    public static StandaloneTracing fromEnvironment(Function<String, String> environment) {
        Map<String, String> otel = otelSettings(environment);
        if (!wanted(otel)) {
            return off();
        }
        try {
            return Sdk.start(otel);
        } catch (RuntimeException e) {
            throw new UserError(UserError.BAD_CONFIGURATION, "tracing (OTEL_*): " + e.getMessage());
        }
    }

    /** @return the {@code otel.*} settings from the environment's {@code OTEL_*} variables and the system properties */
    static Map<String, String> otelSettings(Function<String, String> environment) {
        Map<String, String> otel = new HashMap<>();
        for (String name : System.getenv().keySet()) {
            if (name.startsWith("OTEL_") && environment.apply(name) != null) {
                otel.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), environment.apply(name));
            }
        }
        // an injected environment (tests) may hold variables the process does not: ask for the switches by name
        for (String name : new String[] {"OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME",
                "OTEL_RESOURCE_ATTRIBUTES", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_TRACES_SAMPLER", "OTEL_PROPAGATORS"}) {
            String v = environment.apply(name);
            if (v != null) {
                otel.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("otel."))
                .forEach(k -> otel.put(k, System.getProperty(k)));
        return otel;
    }

    /** @return whether the settings ask for spans (see the class comment) */
    static boolean wanted(Map<String, String> otel) {
        String disabled = otel.get("otel.sdk.disabled");
        if ("true".equalsIgnoreCase(disabled)) {
            return false;
        }
        String exporter = otel.get("otel.traces.exporter");
        if (exporter != null && exporter.trim().equalsIgnoreCase("none")) {
            return false; // spans nobody exports: not worth making
        }
        return "false".equalsIgnoreCase(disabled)
                || (exporter != null && !exporter.isBlank())
                || otel.containsKey("otel.exporter.otlp.endpoint")
                || otel.containsKey("otel.exporter.otlp.traces.endpoint");
    }

    /** @return what the hub traces with ({@link HubTracing#OFF} when off) */
    public HubTracing tracing() {
        return tracing;
    }

    /** Logs whether tracing is on ({@code MERCURE0701I}, where spans go) or off ({@code MERCURE0702I}). */
    public void logState() {
        TracingState.log(tracing, "no OTEL_* variable asks for it (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER turns it on)");
    }

    /** Ends the SDK: the spans still buffered are exported (bounded by the SDK's own timeouts). */
    @Override
    public void close() {
        try {
            sdk.close();
        } catch (Exception e) {
            LOG.fine("closing the OpenTelemetry SDK failed: " + e);
        }
    }

    /** The one class that links the SDK: loaded only once the variables turned tracing on. */
    private static final class Sdk {

        static StandaloneTracing start(Map<String, String> otel) {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("otel.exporter.otlp.protocol", "http/protobuf"); // the only sender shipped: the JDK's HttpClient
            defaults.put("otel.metrics.exporter", "none");
            defaults.put("otel.logs.exporter", "none");
            String resource = otel.getOrDefault("otel.resource.attributes", "");
            if (!otel.containsKey("otel.service.name") && !resource.contains("service.name=")) {
                defaults.put("otel.service.name", "mercure-hub");
            }
            io.opentelemetry.sdk.OpenTelemetrySdk sdk = io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .addPropertiesCustomizer(config -> otel) // the given environment, as the SDK would read the process's
                    .disableShutdownHook() // the hub closes it after its streams, in its own shutdown hook
                    .build().getOpenTelemetrySdk();
            String exporter = otel.getOrDefault("otel.traces.exporter", "otlp");
            String endpoint = otel.getOrDefault("otel.exporter.otlp.traces.endpoint",
                    otel.getOrDefault("otel.exporter.otlp.endpoint", "http://localhost:4318"));
            String service = otel.getOrDefault("otel.service.name", defaults.getOrDefault("otel.service.name", "(OTEL_RESOURCE_ATTRIBUTES)"));
            String description = "spans exported by " + exporter + (exporter.contains("otlp") ? " to " + endpoint : "")
                    + " as service " + service;
            return new StandaloneTracing(OpenTelemetryTracing.of(sdk, description), sdk);
        }
    }
}
