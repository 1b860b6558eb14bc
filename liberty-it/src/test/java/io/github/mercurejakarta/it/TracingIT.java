package io.github.mercurejakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.it.app.Greeter;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.it.app.SmokeResource;
import io.github.mercurejakarta.it.external.StandaloneHub;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.OtlpReceiver;
import io.github.mercurejakarta.testsupport.SseClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded hub's spans through Open Liberty's MicroProfile Telemetry ({@code mpTelemetry-2.0}), as a
 * collector receives them: the application enables the SDK in its own {@code microprofile-config.properties}
 * ({@code otel.sdk.disabled=false}, OTLP/HTTP to a receiver this test starts), and the hub's spans are children
 * of the spans Liberty makes for the application's requests, themselves children of the callers'
 * {@code traceparent}.
 *
 * <p>Liberty shows the OpenTelemetry API only to applications that ask for third-party APIs
 * ({@code <classloader apiTypeVisibility="...,third-party"/>}), which a war dropped in {@code dropins} cannot: this
 * test therefore deploys its application itself, as a {@code <webApplication>} in a configuration drop-in, and
 * removes it at the end (with a second one whose hub is external: the standalone hub, traced too). Arquillian's own
 * deployment (a war with the library, in {@code dropins}) is an application without that visibility: its hub must
 * say tracing is off and work as before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {

    private static final String SECRET = "a-publisher-secret-for-the-tracing-IT-on-liberty";
    private static final String CONTEXT_ROOT = "tracing-it";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String EXTERNAL_CONTEXT_ROOT = "tracing-external";

    private static OtlpReceiver otlp;
    private static StandaloneHub standalone;
    private static Path overrides;
    private static URI base;
    private static URI external;

    /** Arquillian's deployment: the library without access to the OpenTelemetry API. */
    @Deployment(testable = false)
    static WebArchive withoutTelemetryVisibility() {
        return Deployments.war("tracing-off").classes(SmokeResource.class, Greeter.class).build();
    }

    /** The MicroProfile Config of a traced application: its SDK on, OTLP/HTTP to this test's receiver. */
    private static Map<String, String> telemetry(String serviceName) {
        return Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.protocol", "http/protobuf", "otel.exporter.otlp.endpoint", otlp.endpoint(),
                "otel.bsp.schedule.delay", "100", "otel.service.name", serviceName,
                "otel.metrics.exporter", "none", "otel.logs.exporter", "none");
    }

    @BeforeAll
    static void deployTracedApplications() throws Exception {
        otlp = OtlpReceiver.start();
        // the standalone hub, traced too, as the external hub of the second application
        standalone = StandaloneHub.start(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(), "OTEL_BSP_SCHEDULE_DELAY", "100",
                "OTEL_SERVICE_NAME", "mercure-standalone-it"), "--publisher-secret", SECRET);
        Path server = serverDirectory();
        Path war = Path.of("target", "tracing-it", "mercure-tracing-it.war").toAbsolutePath();
        Path externalWar = war.resolveSibling("mercure-tracing-external.war");
        Files.createDirectories(war.getParent());
        Deployments.war("mercure-tracing-it")
                .classes(SmokeResource.class, Greeter.class, PublishResource.class)
                .config(Map.of("mercure.hub.allow.publish", "true", "mercure.publisher.secret.key", SECRET))
                .config(telemetry("mercure-tracing-it"))
                .build().as(ZipExporter.class).exportTo(war.toFile(), true);
        Deployments.war("mercure-tracing-external")
                .classes(SmokeResource.class, Greeter.class, PublishResource.class)
                .config(Map.of("mercure.hub.url", standalone.url().toString(), "mercure.publisher.secret.key", SECRET,
                        "mercure.protocol.version", "7"))
                .config(telemetry("mercure-tracing-external"))
                .build().as(ZipExporter.class).exportTo(externalWar.toFile(), true);
        overrides = server.resolve("configDropins/overrides/mercure-tracing-it.xml");
        Files.createDirectories(overrides.getParent());
        Files.writeString(overrides, """
                <server>
                  <webApplication id="mercureTracingIT" name="mercure-tracing-it" location="%s" contextRoot="/%s">
                    <classloader apiTypeVisibility="spec, ibm-api, api, stable, third-party"/>
                  </webApplication>
                  <webApplication id="mercureTracingExternal" name="mercure-tracing-external" location="%s" contextRoot="/%s">
                    <classloader apiTypeVisibility="spec, ibm-api, api, stable, third-party"/>
                  </webApplication>
                </server>
                """.formatted(war, CONTEXT_ROOT, externalWar, EXTERNAL_CONTEXT_ROOT));
        String root = "http://127.0.0.1:" + System.getProperty("liberty.it.http.port", "19180") + "/";
        base = URI.create(root + CONTEXT_ROOT + "/");
        external = URI.create(root + EXTERNAL_CONTEXT_ROOT + "/");
        awaitStarted(base, server);
        awaitStarted(external, server);
    }

    private static void awaitStarted(URI application, Path server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Integer> status = status(application.resolve("smoke/dialect"));
            if (status.orElse(0) == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(application + " did not start within " + WAIT + " (last status " + status
                        + "); see " + server.resolve("logs/messages.log"));
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void removeTracedApplication() throws Exception {
        if (overrides != null) {
            Files.deleteIfExists(overrides);
            // wait until Liberty has removed it: the next test class must find the server as it was
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (base != null && status(base.resolve("smoke/dialect")).orElse(404) == 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
        if (standalone != null) {
            standalone.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    private static Path serverDirectory() {
        return Path.of(System.getProperty("liberty.it.wlpHome"), "usr", "servers", System.getProperty("liberty.it.server"));
    }

    private static Optional<Integer> status(URI uri) {
        try {
            return Optional.of(HttpCalls.get(uri).statusCode());
        } catch (AssertionError notYet) {
            return Optional.empty();
        }
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId, String parentSpanId) {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    @Test
    void aPublishOverHttpWithTraceparentIsAChildOfLibertysSpanOfTheRequest() throws Exception {
        String traceId = traceId();
        String caller = "00f067aa0ba902b7";
        String token = new TokenFactory().draft07(SigningKey.hmac(SECRET), List.of("*"), List.of(), null, null);
        HttpResponse<String> r = HttpCalls.postForm(base.resolve(".well-known/mercure"),
                Form.of("topic", "https://example.com/books/1", "topic", "https://example.com/books", "data", "{}", "private", "on"),
                "Authorization", "Bearer " + token, "traceparent", traceparent(traceId, caller));
        assertEquals(200, r.statusCode(), r.body());

        List<OtlpReceiver.Span> spans = otlp.await(s -> has(s, traceId, "mercure publish") && has(s, traceId, "mercure dispatch")
                && parentOf(s, named(s, traceId, "mercure publish")).isPresent(), WAIT);
        OtlpReceiver.Span publish = named(spans, traceId, "mercure publish");
        OtlpReceiver.Span request = parentOf(spans, publish).orElseThrow();
        assertEquals(2, request.kind(), "the publish's parent is Liberty's server span of the POST: " + request);
        assertEquals(caller, request.parentSpanId(), "which continues the publisher's traceparent");
        assertEquals(2L, publish.attributes().get("mercure.topics.count"), publish.toString());
        assertEquals(true, publish.attributes().get("mercure.private"), publish.toString());
        assertEquals(r.body(), publish.attributes().get("messaging.message.id"), publish.toString());
        assertEquals("mercure-tracing-it", publish.resource().get("service.name"), "the application's service name");
        OtlpReceiver.Span dispatch = named(spans, traceId, "mercure dispatch");
        assertEquals(publish.spanId(), dispatch.parentSpanId(), "the dispatch is inside the publish");
        assertEquals("local", dispatch.attributes().get("mercure.transport"));
    }

    @Test
    void anInProcessPublishInsideATracedRequestIsAChildOfThatRequestsSpan() throws Exception {
        String caller = "b7ad6b7169203331";
        TracedPublish traced = publishWithin(base, "https://example.com/in-process", caller);
        OtlpReceiver.Span publish = traced.publish();
        OtlpReceiver.Span request = traced.request();
        HttpResponse<String> r = traced.response();
        assertEquals(2, request.kind(), "mercure.publish ran inside the application's traced request: " + request);
        assertEquals(caller, request.parentSpanId());
        assertEquals(r.body(), publish.attributes().get("messaging.message.id"));
        assertEquals(false, publish.attributes().get("mercure.private"));
    }

    @Test
    void aSubscriptionsOpeningIsOneSpanInTheSubscribersTrace() throws Exception {
        String traceId = traceId();
        String topic = "https://example.com/tracing/" + UUID.randomUUID();
        try (SseClient sse = SseClient.to(base.resolve(".well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)))
                .header("traceparent", traceparent(traceId, "0af7651916cd43dd")).open()) {
            assertEquals(200, sse.status());
            List<OtlpReceiver.Span> spans = otlp.await(s -> has(s, traceId, "mercure subscribe"), WAIT);
            OtlpReceiver.Span subscribe = named(spans, traceId, "mercure subscribe");
            assertEquals(1L, subscribe.attributes().get("mercure.selectors.count"), subscribe.toString());
            assertEquals(7L, subscribe.attributes().get("mercure.protocol.draft"));
        }
    }

    @Test
    void aPublicationToAnExternalHubContinuesTheApplicationsTraceThere() throws Exception {
        String caller = "53995c3f42cd8ad8";
        TracedPublish traced = publishWithin(external, "https://example.com/external", caller);
        OtlpReceiver.Span publish = traced.publish();
        HttpResponse<String> r = traced.response();
        assertEquals("mercure-standalone-it", publish.resource().get("service.name"), "the standalone hub made it: " + publish);
        OtlpReceiver.Span request = traced.request();
        assertEquals("mercure-tracing-external", request.resource().get("service.name"),
                "its parent is the application's span of the request that published: " + request);
        assertEquals(caller, request.parentSpanId(), "itself a child of the caller's traceparent");
        assertEquals(r.body(), publish.attributes().get("messaging.message.id"), "the id the standalone hub answered");
    }

    @Test
    void eachHubSaysWhetherItTraces() throws IOException {
        String log = Files.readString(serverDirectory().resolve("logs/messages.log"));
        assertTrue(log.contains("MERCURE0701I tracing on: spans go to MicroProfile Telemetry"),
                "the traced application's hub says so");
        assertTrue(log.contains("MERCURE0702I tracing off: the application sees no OpenTelemetry API"),
                "an application without the API visible (Arquillian's war) deploys as before, without spans");
    }

    /** The application's answer to a traced publish request, the {@code mercure publish} span, and its parent. */
    private record TracedPublish(HttpResponse<String> response, OtlpReceiver.Span publish, OtlpReceiver.Span request) {
    }

    /**
     * Has {@code application} publish to {@code topic} in a request whose {@code traceparent} names
     * {@code caller} in a new trace, and waits for the {@code mercure publish} span and its parent.
     */
    private static TracedPublish publishWithin(URI application, String topic, String caller) throws InterruptedException {
        String traceId = traceId();
        HttpResponse<String> r = HttpCalls.postForm(application.resolve("app/publish"),
                Form.of("topic", topic, "data", "x"), "traceparent", traceparent(traceId, caller));
        assertEquals(200, r.statusCode(), r.body());
        List<OtlpReceiver.Span> spans = otlp.await(s -> has(s, traceId, "mercure publish")
                && parentOf(s, named(s, traceId, "mercure publish")).isPresent(), WAIT);
        OtlpReceiver.Span publish = named(spans, traceId, "mercure publish");
        return new TracedPublish(r, publish, parentOf(spans, publish).orElseThrow());
    }

    private static boolean has(List<OtlpReceiver.Span> spans, String traceId, String name) {
        return spans.stream().anyMatch(s -> s.traceId().equals(traceId) && s.name().equals(name));
    }

    private static OtlpReceiver.Span named(List<OtlpReceiver.Span> spans, String traceId, String name) {
        List<OtlpReceiver.Span> named = spans.stream().filter(s -> s.traceId().equals(traceId) && s.name().equals(name)).toList();
        assertEquals(1, named.size(), "one " + name + " span in trace " + traceId + " among " + spans);
        return named.get(0);
    }

    private static Optional<OtlpReceiver.Span> parentOf(List<OtlpReceiver.Span> spans, OtlpReceiver.Span child) {
        return spans.stream().filter(s -> s.spanId().equals(child.parentSpanId())).findFirst();
    }
}
