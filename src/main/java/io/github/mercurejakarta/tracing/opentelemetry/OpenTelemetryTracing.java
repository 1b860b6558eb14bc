package io.github.mercurejakarta.tracing.opentelemetry;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TraceScope;
import io.github.mercurejakarta.tracing.TracedOperation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The hub's spans through an {@link OpenTelemetry} instance: the application's (MicroProfile Telemetry's
 * bean) in the embedded hub, the autoconfigured SDK in the standalone hub.
 *
 * <pre>{@code
 * HubTracing tracing = OpenTelemetryTracing.of(openTelemetry);   // OFF when it makes no spans
 * Hub hub = new Hub(HubSettings.of(config), Transport.fromConfig(config), tracing);
 * }</pre>
 *
 * <p>Spans: {@code mercure publish} (kind producer; {@code messaging.system=mercure},
 * {@code messaging.operation.name=publish}, {@code messaging.message.id}, {@code mercure.topics.count},
 * {@code mercure.private}) with its child {@code mercure dispatch} ({@code mercure.transport}), and
 * {@code mercure subscribe} ({@code mercure.selectors.count}, {@code mercure.protocol.draft},
 * {@code mercure.resuming}; kind server when its parent came from the request's headers, else internal).
 * Only API calls that OpenTelemetry 1.39 has (Open Liberty 26's {@code mpTelemetry-2.0}) are used.
 */
public final class OpenTelemetryTracing implements HubTracing {

    /** The instrumentation scope of the hub's spans. */
    public static final String SCOPE = "io.github.mercurejakarta";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> TOPICS = AttributeKey.longKey("mercure.topics.count");
    static final AttributeKey<Boolean> PRIVATE = AttributeKey.booleanKey("mercure.private");
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("mercure.transport");
    static final AttributeKey<Long> SELECTORS = AttributeKey.longKey("mercure.selectors.count");
    static final AttributeKey<Long> DRAFT = AttributeKey.longKey("mercure.protocol.draft");
    static final AttributeKey<Boolean> RESUMING = AttributeKey.booleanKey("mercure.resuming");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String description;

    private OpenTelemetryTracing(OpenTelemetry openTelemetry, String description) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.description = description;
    }

    /**
     * @param openTelemetry where the spans go
     * @param description   what it is, for the start-up log ({@code MicroProfile Telemetry}, {@code OTLP to ...})
     * @return the hub's tracing through {@code openTelemetry}, or {@link HubTracing#OFF} when it makes no
     *     spans (the API's no-op, e.g. MicroProfile Telemetry with {@code otel.sdk.disabled} left true):
     *     the hub then skips the calls altogether
     */
    public static HubTracing of(OpenTelemetry openTelemetry, String description) {
        // a no-op implementation answers an invalid span context; a real SDK a valid one, sampled or not. The
        // probe is never ended, so no exporter ever sees it.
        Span probe = openTelemetry.getTracer(SCOPE).spanBuilder("mercure probe").setNoParent().startSpan();
        return probe.getSpanContext().isValid() ? new OpenTelemetryTracing(openTelemetry, description) : OFF;
    }

    @Override
    public TracedOperation publish(Update update) {
        Span span = tracer.spanBuilder("mercure publish").setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "mercure")
                .setAttribute(OPERATION_NAME, "publish")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(TOPICS, (long) update.topics().size())
                .setAttribute(PRIVATE, update.isPrivate())
                .startSpan();
        return new Operation(span);
    }

    @Override
    public TracedOperation dispatch(String transport) {
        return new Operation(tracer.spanBuilder("mercure dispatch").setAttribute(TRANSPORT, transport).startSpan());
    }

    @Override
    public TracedOperation subscribe(int selectors, int draft, boolean resuming) {
        boolean remoteParent = Span.current().getSpanContext().isRemote();
        Span span = tracer.spanBuilder("mercure subscribe")
                .setSpanKind(remoteParent ? SpanKind.SERVER : SpanKind.INTERNAL)
                .setAttribute(MESSAGING_SYSTEM, "mercure")
                .setAttribute(OPERATION_NAME, "subscribe")
                .setAttribute(SELECTORS, (long) selectors)
                .setAttribute(DRAFT, (long) draft)
                .setAttribute(RESUMING, resuming)
                .startSpan();
        return new Operation(span);
    }

    @Override
    public TraceScope continueFrom(Function<String, String> headers) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return TraceScope.NONE;
        }
        Context extracted = propagator.extract(current, headers, HEADERS);
        if (extracted == current) {
            return TraceScope.NONE;
        }
        Scope scope = extracted.makeCurrent();
        return scope::close;
    }

    @Override
    public void propagate(BiConsumer<String, String> header) {
        propagator.inject(Context.current(), header, BiConsumer::accept);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Reads headers by name; propagators only ask for the names they know, so no listing is needed. */
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of();
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    /** A started span, current until closed. */
    private static final class Operation implements TracedOperation {

        private final Span span;
        private final Scope scope;

        Operation(Span span) {
            this.span = span;
            this.scope = span.makeCurrent();
        }

        @Override
        public void published(String id) {
            span.setAttribute(MESSAGE_ID, id);
        }

        @Override
        public void failed(Throwable failure) {
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
