package io.github.mercurejakarta.client;

import com.sun.net.httpserver.HttpServer;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing to an external hub carries the trace context current where {@code publish} is called, so that the
 * hub's spans (the standalone hub's, with {@code OTEL_*} set) join the application's trace: checked on what a
 * real local HTTP server playing the hub receives.
 */
class ExternalHubTraceContextTest {

    private static final String KEY = "publisher-key-for-the-client-unit-tests!";

    private HttpServer server;
    private final List<Optional<String>> traceparents = new CopyOnWriteArrayList<>();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @BeforeEach
    void startHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/mercure", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                traceparents.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("traceparent")));
                byte[] id = "urn:uuid:from-the-hub".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, id.length);
                exchange.getResponseBody().write(id);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        sdk.close();
    }

    private HubPublisher publisher(HubTracing tracing) {
        return HubPublisher.create(MercureConfig.of(Map.of(
                "mercure.hub.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/mercure",
                "mercure.publisher.secret.key", KEY, "mercure.protocol.version", "7")), tracing);
    }

    @Test
    void aPublicationInsideASpanCarriesItsTraceparent() {
        HubPublisher hub = publisher(OpenTelemetryTracing.of(sdk, "test"));
        Span request = sdk.getTracer("application").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            hub.publish(Update.of("https://example.com/orders/1", "{}"));
        } finally {
            request.end();
        }
        // version, trace id, parent id, then the flags (sampled, and in SDK 1.68 the W3C level 2 "random" flag)
        String expected = "00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId() + "-";
        assertTrue(traceparents.get(0).orElse("").startsWith(expected),
                "the hub's spans become children of the application's span: " + traceparents.get(0) + ", expected " + expected + "..");
    }

    @Test
    void aPublicationOutsideAnySpanCarriesNone() {
        publisher(OpenTelemetryTracing.of(sdk, "test")).publish(Update.of("https://example.com/orders/2", "{}"));
        assertEquals(Optional.empty(), traceparents.get(0), "no trace to continue");
    }

    @Test
    void withoutTracingNothingIsSent() {
        HubPublisher hub = publisher(HubTracing.OFF);
        Span request = sdk.getTracer("application").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            hub.publish(Update.of("https://example.com/orders/3", "{}"));
        } finally {
            request.end();
        }
        assertEquals(Optional.empty(), traceparents.get(0), "an application without MicroProfile Telemetry sends what it sent before");
    }
}
