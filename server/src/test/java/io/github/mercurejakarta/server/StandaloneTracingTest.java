package io.github.mercurejakarta.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which {@code OTEL_*} settings turn the standalone hub's tracing on (the processes are in {@code TracingIT}). */
class StandaloneTracingTest {

    @Test
    void nothingSetIsOff() {
        assertFalse(StandaloneTracing.wanted(Map.of()), "off unless configured");
        assertFalse(StandaloneTracing.wanted(Map.of("otel.service.name", "hub")), "a service name alone exports nothing");
    }

    @Test
    void anEndpointAnExporterOrTheSdkSwitchTurnsItOn() {
        assertTrue(StandaloneTracing.wanted(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")));
        assertTrue(StandaloneTracing.wanted(Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")));
        assertTrue(StandaloneTracing.wanted(Map.of("otel.traces.exporter", "otlp")));
        assertTrue(StandaloneTracing.wanted(Map.of("otel.traces.exporter", "console")));
        assertTrue(StandaloneTracing.wanted(Map.of("otel.sdk.disabled", "false")), "MicroProfile Telemetry's switch");
    }

    @Test
    void theSdkDisabledOrNoExporterWinsOverAnEndpoint() {
        assertFalse(StandaloneTracing.wanted(Map.of("otel.sdk.disabled", "true", "otel.exporter.otlp.endpoint", "http://c:4318")));
        assertFalse(StandaloneTracing.wanted(Map.of("otel.traces.exporter", "none", "otel.exporter.otlp.endpoint", "http://c:4318")));
    }

    @Test
    void anInjectedEnvironmentIsReadAsTheSdkWouldReadTheProcesss() {
        Map<String, String> otel = StandaloneTracing.otelSettings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_SERVICE_NAME", "hub-eu-1")::get);
        assertTrue(otel.get("otel.exporter.otlp.endpoint").equals("http://c:4318") && otel.get("otel.service.name").equals("hub-eu-1"),
                otel.toString());
    }
}
