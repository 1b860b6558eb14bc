package io.github.mercurejakarta.tracing;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.InvalidUpdateException;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubRequest;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.tracing.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spans the hub makes, read from the SDK's in-memory exporter: one per publish with its dispatch as a child,
 * one per subscription's opening and none per delivery, children of the caller's trace whether it is current
 * (an application's traced request) or arrives as {@code traceparent}.
 */
class HubSpansTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String HUB_URL = "http://localhost:5500/.well-known/mercure";
    /** A caller's trace context as a W3C header: trace 4bf9…, span 00f0…, sampled. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;
    private Hub hub;
    private HubProtocol protocol;

    @BeforeEach
    void start() {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "0",
                "mercure.hub.allow.publish", "true", "mercure.publisher.secret.key", SECRET,
                "mercure.hub.subscriptions", "false"));
        hub = Hub.create(config, OpenTelemetryTracing.of(sdk, "test"));
        protocol = new HubProtocol(config, hub);
    }

    @AfterEach
    void stop() {
        hub.close();
        sdk.close();
    }

    @Test
    void aPublishIsOneProducerSpanWithTheTransportsDispatchAsItsChild() {
        String id = hub.publish(Update.builder().topics(List.of("https://example.com/a", "https://example.com/b"))
                .data("x").privateUpdate(true).build());

        SpanData publish = only("mercure publish");
        SpanData dispatch = only("mercure dispatch");
        assertEquals(SpanKind.PRODUCER, publish.getKind(), "a publish produces a message");
        assertEquals(2L, publish.getAttributes().get(AttributeKey.longKey("mercure.topics.count")), "the update's topic count");
        assertEquals(true, publish.getAttributes().get(AttributeKey.booleanKey("mercure.private")), "the update is private");
        assertEquals(id, publish.getAttributes().get(AttributeKey.stringKey("messaging.message.id")), "the id the hub answered");
        assertEquals("mercure", publish.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        assertEquals("local", dispatch.getAttributes().get(AttributeKey.stringKey("mercure.transport")), "the transport's short name");
        assertEquals(publish.getSpanId(), dispatch.getParentSpanId(), "the dispatch is inside the publish");
        assertEquals(publish.getTraceId(), dispatch.getTraceId());
        assertEquals(2, exporter.getFinishedSpanItems().size(), "a publish without subscribers makes exactly two spans");
    }

    @Test
    void anInProcessPublishInsideATracedRequestIsAChildOfItsSpan() {
        Span request = sdk.getTracer("application").spanBuilder("GET /books").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            hub.publish(Update.of("https://example.com/books/1", "{}"));
        } finally {
            request.end();
        }
        SpanData publish = only("mercure publish");
        assertEquals(request.getSpanContext().getTraceId(), publish.getTraceId(), "the publish is in the request's trace");
        assertEquals(request.getSpanContext().getSpanId(), publish.getParentSpanId(), "and its parent is the request's span");
    }

    @Test
    void aPublishOverHttpWithTraceparentIsAChildOfTheCallersSpan() {
        HubResponse r = protocol.publish(new Request("POST", null, Map.of("authorization", "Bearer " + publisherToken(),
                "content-type", "application/x-www-form-urlencoded", "traceparent", TRACEPARENT)),
                ("topic=" + URLEncoder.encode("https://example.com/books/1", StandardCharsets.UTF_8) + "&data=x&private=on")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), () -> r.body());

        SpanData publish = only("mercure publish");
        assertEquals(TRACE_ID, publish.getTraceId(), "the publish continues the publisher's trace");
        assertEquals(PARENT_ID, publish.getParentSpanId(), "its parent is the publisher's span");
        assertTrue(publish.getParentSpanContext().isRemote(), "a parent from another process");
        assertEquals(true, publish.getAttributes().get(AttributeKey.booleanKey("mercure.private")));
        assertEquals(r.body(), publish.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
    }

    @Test
    void aPublishOverHttpWithoutTraceparentStartsATrace() {
        HubResponse r = protocol.publish(new Request("POST", null, Map.of("authorization", "Bearer " + publisherToken(),
                "content-type", "application/x-www-form-urlencoded")), "topic=t&data=x".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), () -> r.body());
        SpanData publish = only("mercure publish");
        assertTrue(!publish.getParentSpanContext().isValid(), "no caller's trace: the publish is a root span");
        assertNotEquals(TRACE_ID, publish.getTraceId());
    }

    @Test
    void aRejectedUpdateEndsItsPublishSpanAsAnError() {
        assertThrows(InvalidUpdateException.class, () -> hub.publish(Update.of("/.well-known/mercure/subscriptions/x", "{}")));
        SpanData publish = only("mercure publish");
        assertEquals(StatusCode.ERROR, publish.getStatus().getStatusCode(), "the failure is on the span");
        assertEquals(InvalidUpdateException.class.getName(), publish.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertEquals(0, exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("mercure dispatch")).count(),
                "nothing was dispatched");
    }

    @Test
    void aSubscriptionsOpeningIsOneSpanAndItsDeliveriesNone() throws Exception {
        CountDownLatch delivered = new CountDownLatch(3);
        HubProtocol.SubscribeResult opened = protocol.subscribe(new Request("GET", "topic=t&topic=u",
                Map.of("traceparent", TRACEPARENT, "last-event-id", "earliest")), new CountingSink(delivered));
        assertTrue(opened.ok(), () -> opened.error().body());
        opened.subscription().start();
        try {
            for (int i = 0; i < 3; i++) {
                hub.publish(Update.of("t", "update " + i));
            }
            assertTrue(delivered.await(10, TimeUnit.SECONDS), "the three updates reached the subscriber");
        } finally {
            opened.subscription().close();
        }

        SpanData subscribe = only("mercure subscribe");
        assertEquals(TRACE_ID, subscribe.getTraceId(), "the opening continues the subscriber's trace");
        assertEquals(PARENT_ID, subscribe.getParentSpanId());
        assertEquals(SpanKind.SERVER, subscribe.getKind(), "the hub serves a request from another process");
        assertEquals(2L, subscribe.getAttributes().get(AttributeKey.longKey("mercure.selectors.count")));
        assertEquals(7L, subscribe.getAttributes().get(AttributeKey.longKey("mercure.protocol.draft")), "topic= is draft-07");
        assertEquals(true, subscribe.getAttributes().get(AttributeKey.booleanKey("mercure.resuming")), "Last-Event-ID was given");
        assertEquals(7, exporter.getFinishedSpanItems().size(),
                "one opening and three publishes with their dispatch: no span per delivery");
    }

    @Test
    void aNoOpOpenTelemetryTurnsTracingOff() {
        assertSame(HubTracing.OFF, OpenTelemetryTracing.of(OpenTelemetry.noop(), "noop"),
                "MicroProfile Telemetry with its SDK disabled gives the API's no-op: the hub then skips tracing altogether");
        assertTrue(OpenTelemetryTracing.of(sdk, "sdk").enabled());
        assertEquals(0, exporter.getFinishedSpanItems().size(), "deciding makes no span that anyone sees");
    }

    @Test
    void theOffTracingMakesNothingCurrent() {
        try (TraceScope s = HubTracing.OFF.continueFrom(h -> TRACEPARENT); TracedOperation op = HubTracing.OFF.publish(Update.of("t", "x"))) {
            assertSame(TraceScope.NONE, s);
            assertSame(TracedOperation.NONE, op, "no allocation per publish when tracing is off");
            assertTrue(!Span.current().getSpanContext().isValid());
        }
    }

    private SpanData only(String name) {
        List<SpanData> named = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, named.size(), () -> "one span " + name + " among " + exporter.getFinishedSpanItems());
        return named.get(0);
    }

    private static String publisherToken() {
        return new TokenFactory().draft07(SigningKey.hmac(SECRET), List.of("*"), null, null, Duration.ofMinutes(5));
    }

    private record Request(String method, String rawQuery, Map<String, String> headers) implements HubRequest {
        @Override
        public String hubUrl() {
            return HUB_URL;
        }

        @Override
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record CountingSink(CountDownLatch writes) implements SubscriberSink {
        @Override
        public CompletionStage<?> write(byte[] bytes) {
            // queued frames may come as one write
            String frames = new String(bytes, StandardCharsets.UTF_8);
            for (int at = frames.indexOf("data: update"); at >= 0; at = frames.indexOf("data: update", at + 1)) {
                writes.countDown();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
