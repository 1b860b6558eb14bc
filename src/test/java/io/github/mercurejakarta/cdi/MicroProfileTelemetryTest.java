package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TracingState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded hub traces through the application's {@link OpenTelemetry} bean (what MicroProfile Telemetry
 * provides), in Weld SE: a publish inside a traced piece of work is a child of its span; without
 * a bean, or with the API's no-op (the SDK disabled), the hub says tracing is off and makes none.
 */
class MicroProfileTelemetryTest {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build())
            .build();

    /** What MicroProfile Telemetry gives an application whose SDK is on. */
    @ApplicationScoped
    public static class TelemetryOn {
        @Produces
        OpenTelemetry openTelemetry() {
            return SDK;
        }
    }

    /** What it gives one whose SDK is disabled ({@code otel.sdk.disabled=true}, the default). */
    @ApplicationScoped
    public static class TelemetryDisabled {
        @Produces
        OpenTelemetry openTelemetry() {
            return OpenTelemetry.noop();
        }
    }

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage().replace("{0}", String.valueOf(record.getParameters()[0])));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static final Logger TRACING_LOG = Logger.getLogger(TracingState.class.getName());
    private WeldContainer container;

    @BeforeEach
    void start() {
        TestConfigSource.VALUES.clear();
        EXPORTER.reset();
        TRACING_LOG.addHandler(capture);
    }

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
        TRACING_LOG.removeHandler(capture);
    }

    private WeldContainer boot(Class<?>... beans) {
        container = new Weld("telemetry-test-" + System.nanoTime()).disableDiscovery()
                .addBeanClasses(EmbeddedHub.class)
                .addBeanClasses(beans)
                .addExtension(new ConfigExtension())
                .addExtension(new MercureExtension())
                .initialize();
        return container;
    }

    @Test
    void aPublishInsideTheApplicationsSpanIsItsChild() {
        boot(TelemetryOn.class);
        assertTrue(logged.contains("MERCURE0701I tracing on: spans go to MicroProfile Telemetry"), logged.toString());
        Hub hub = container.select(EmbeddedHub.class).get().hub().orElseThrow(); // what DefaultMercure publishes to
        Span request = SDK.getTracer("application").spanBuilder("POST /orders").startSpan();
        String id;
        try (Scope ignored = request.makeCurrent()) {
            id = hub.publish(Update.of("https://example.com/orders/1", "{}"));
        } finally {
            request.end();
        }
        SpanData publish = EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getName().equals("mercure publish"))
                .findFirst().orElseThrow(() -> new AssertionError("no publish span among " + EXPORTER.getFinishedSpanItems()));
        assertEquals(request.getSpanContext().getSpanId(), publish.getParentSpanId(), "the publish is a child of the application's span");
        assertEquals(id, publish.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.message.id")));
    }

    @Test
    void aDisabledSdkTurnsTracingOffAndSaysWhy() {
        boot(TelemetryDisabled.class);
        assertTrue(logged.contains("MERCURE0702I tracing off: MicroProfile Telemetry makes no spans (otel.sdk.disabled is not false)"),
                logged.toString());
        assertEquals(HubTracing.OFF, container.select(EmbeddedHub.class).get().hub().orElseThrow().tracing(),
                "the hub calls the no-op: nothing per publish");
    }

    @Test
    void withoutAnOpenTelemetryBeanTracingIsOff() {
        boot();
        assertTrue(logged.stream().anyMatch(m -> m.startsWith("MERCURE0702I tracing off: the OpenTelemetry API is visible but no OpenTelemetry bean")),
                logged.toString());
        container.select(EmbeddedHub.class).get().hub().orElseThrow().publish(Update.of("https://example.com/orders/2", "{}"));
        assertFalse(EXPORTER.getFinishedSpanItems().stream().anyMatch(s -> s.getName().startsWith("mercure")), "no span");
    }
}
