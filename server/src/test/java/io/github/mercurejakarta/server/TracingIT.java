package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.OtlpReceiver;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone hub's spans as a collector receives them: the hub process, configured by {@code OTEL_*}
 * variables only, exports OTLP/HTTP to a receiver in this test; the spans continue the callers'
 * {@code traceparent}. And a hub without those variables says tracing is off.
 */
class TracingIT {

    private static final String SECRET = "a-secret-for-the-tracing-IT-of-the-standalone-hub";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static OtlpReceiver otlp;
    private static HubProcess hub;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        // a short batch delay: the spans of a request arrive within a second, not the SDK's default five
        hub = HubProcess.startHub(List.of("--secret", SECRET), Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(), "OTEL_BSP_SCHEDULE_DELAY", "100"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aPublishWithTraceparentIsExportedAsAChildOfThePublishersSpan() throws Exception {
        String traceId = traceId();
        String parent = "00f067aa0ba902b7";
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(),
                Form.of("topic", "https://example.com/books/1", "topic", "https://example.com/books", "data", "{}", "private", "on"),
                "Authorization", "Bearer " + hub.draft07Token(), "traceparent", "00-" + traceId + "-" + parent + "-01");
        assertEquals(200, r.statusCode(), r.body());

        List<OtlpReceiver.Span> spans = otlp.await(s -> s.stream().filter(x -> x.traceId().equals(traceId)).count() >= 2, WAIT);
        OtlpReceiver.Span publish = named(spans, traceId, "mercure publish");
        OtlpReceiver.Span dispatch = named(spans, traceId, "mercure dispatch");
        assertEquals(parent, publish.parentSpanId(), "the publish span's parent is the publisher's span");
        assertEquals(4, publish.kind(), "a producer span");
        assertEquals(2L, publish.attributes().get("mercure.topics.count"), "two topics; " + publish);
        assertEquals(true, publish.attributes().get("mercure.private"), "a private update; " + publish);
        assertEquals(r.body(), publish.attributes().get("messaging.message.id"), "the id the hub answered; " + publish);
        assertEquals(publish.spanId(), dispatch.parentSpanId(), "the transport's dispatch is inside the publish");
        assertEquals("local", dispatch.attributes().get("mercure.transport"));
        assertEquals("mercure-hub", publish.resource().get("service.name"), "the hub's default service name");
        assertEquals("io.github.mercurejakarta", publish.scope(), "the library's instrumentation scope");
    }

    @Test
    void aSubscriptionsOpeningIsOneSpanInTheSubscribersTrace() throws Exception {
        String traceId = traceId();
        String topic = "https://example.com/tracing/" + UUID.randomUUID();
        try (SseClient sse = SseClient.to(hub.hubUrl("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                        + "&topic=" + URLEncoder.encode(topic + "/{id}", StandardCharsets.UTF_8)))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").open()) {
            assertEquals(200, sse.status());
            List<OtlpReceiver.Span> spans = otlp.await(s -> s.stream().anyMatch(x -> x.traceId().equals(traceId)), WAIT);
            OtlpReceiver.Span subscribe = named(spans, traceId, "mercure subscribe");
            assertEquals("b7ad6b7169203331", subscribe.parentSpanId());
            assertEquals(2, subscribe.kind(), "the hub serves a request of another process: a server span");
            assertEquals(2L, subscribe.attributes().get("mercure.selectors.count"), subscribe.toString());
            assertEquals(7L, subscribe.attributes().get("mercure.protocol.draft"), "topic= is draft-07");
            assertEquals(false, subscribe.attributes().get("mercure.resuming"));
        }
    }

    @Test
    void theHubSaysWhereItsSpansGo() {
        String line = hub.awaitStderr(l -> l.contains("MERCURE0701I"), WAIT);
        assertTrue(line.contains(otlp.endpoint()) && line.contains("mercure-hub"), "names the endpoint and the service: " + line);
    }

    @Test
    void aHubWithoutOtelVariablesSaysTracingIsOff() {
        try (HubProcess plain = HubProcess.startHub(List.of("--secret", SECRET), Map.of())) {
            String line = plain.awaitStderr(l -> l.contains("MERCURE0702I"), WAIT);
            assertTrue(line.contains("OTEL_EXPORTER_OTLP_ENDPOINT"), "says what turns it on: " + line);
        }
    }

    @Test
    void otelSdkDisabledWinsOverAnEndpoint() {
        try (HubProcess disabled = HubProcess.startHub(List.of("--secret", SECRET), Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(), "OTEL_SDK_DISABLED", "true"))) {
            disabled.awaitStderr(l -> l.contains("MERCURE0702I"), WAIT);
        }
    }

    @Test
    void anExporterTheHubDoesNotShipFailsTheStartNamingIt() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--port", "0", "--secret", SECRET),
                Map.of("OTEL_TRACES_EXPORTER", "zipkin"), WAIT);
        assertEquals(2, p.exitValue(), "a configuration error; " + p.output());
        String line = p.awaitStderr(l -> l.contains("zipkin"), WAIT);
        assertTrue(line.contains("OTEL_"), "the line says the value came from OTEL_*: " + line);
        assertEquals(1, p.stderrLines().size(), "one line on stderr, as for every setting; " + p.output());
    }

    @Test
    void theHelpSaysWhatTurnsTracingOn() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--help"), Map.of(), WAIT);
        String help = String.join("\n", p.stdoutLines());
        assertTrue(help.contains("OTEL_EXPORTER_OTLP_ENDPOINT") && help.contains("OTEL_TRACES_EXPORTER"), help);
    }

    private static OtlpReceiver.Span named(List<OtlpReceiver.Span> spans, String traceId, String name) {
        List<OtlpReceiver.Span> named = spans.stream().filter(s -> s.traceId().equals(traceId) && s.name().equals(name)).toList();
        assertEquals(1, named.size(), "one " + name + " span in trace " + traceId + " among " + spans);
        return named.get(0);
    }
}
