package io.github.mercurejakarta.tracing;

import io.github.mercurejakarta.Update;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the hub traces: one span per publish (with a child span for the transport's dispatch) and one per
 * subscription's opening, never one per delivery. The hub core and the HTTP layer call it; it names no
 * tracing library, so the core stays free of one and {@link #OFF} costs a call that returns a constant.
 *
 * <pre>{@code
 * HubTracing tracing = OpenTelemetryTracing.of(openTelemetry, "OTLP");   // or HubTracing.OFF
 * Hub hub = Hub.create(config, tracing);
 * try (TraceScope remote = hub.tracing().continueFrom(request::header)) { // traceparent, unless a span is current
 *     hub.publish(update);                                                 // span "mercure publish", its child
 * }
 * }</pre>
 *
 * <p>Spans are children of the span current on the calling thread (the application's request, when the
 * server traces it) or, when there is none, of the trace context an HTTP request carries
 * ({@link #continueFrom}).
 */
public interface HubTracing {

    /** No spans: every call returns a shared no-op. */
    HubTracing OFF = new HubTracing() {
        @Override
        public TracedOperation publish(Update update) {
            return TracedOperation.NONE;
        }

        @Override
        public TracedOperation dispatch(String transport) {
            return TracedOperation.NONE;
        }

        @Override
        public TracedOperation subscribe(int selectors, int draft, boolean resuming) {
            return TracedOperation.NONE;
        }

        @Override
        public TraceScope continueFrom(Function<String, String> headers) {
            return TraceScope.NONE;
        }

        @Override
        public void propagate(BiConsumer<String, String> header) {
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String toString() {
            return "off";
        }
    };

    /**
     * Starts the span of a publish ({@code mercure publish}) and makes it current until it is closed.
     *
     * @param update the update as given (its id may still be missing: see {@link TracedOperation#published})
     */
    TracedOperation publish(Update update);

    /**
     * Starts the span of the transport's dispatch ({@code mercure dispatch}), inside a publish's.
     *
     * @param transport the transport's short name ({@code local}, {@code redis})
     */
    TracedOperation dispatch(String transport);

    /**
     * Starts the span of a subscription's opening ({@code mercure subscribe}): registration, history and
     * announcement, not the stream's lifetime.
     *
     * @param selectors the number of topic selectors
     * @param draft     {@code 7} or {@code 8}
     * @param resuming  whether the subscriber gave a last event id
     */
    TracedOperation subscribe(int selectors, int draft, boolean resuming);

    /**
     * Makes the trace context of a request's headers ({@code traceparent}, {@code tracestate}) current
     * until the scope is closed, unless a span is current already (a server that traces its requests has
     * made its own span, itself a child of that context, current).
     *
     * @param headers a request's header by name, null when absent
     */
    TraceScope continueFrom(Function<String, String> headers);

    /**
     * Writes the trace context current on the calling thread into an outgoing request's headers
     * ({@code traceparent}, {@code tracestate}), so that an external hub's spans join the caller's trace; writes
     * nothing when no span is current.
     *
     * @param header called with each header's name and value
     */
    void propagate(BiConsumer<String, String> header);

    /** @return whether spans are made (false for {@link #OFF}) */
    boolean enabled();
}
