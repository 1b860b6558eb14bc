package io.github.mercurejakarta.tracing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The start-up lines that say whether a hub makes spans ({@code MERCURE0701I}, {@code MERCURE0702I},
 * {@code MERCURE0703W}), written here once for the embedded and the standalone hub alike.
 *
 * <pre>{@code
 * TracingState.log(tracing, "no OTEL_* variable asks for it");   // on: where spans go; off: why
 * }</pre>
 */
public final class TracingState {

    private static final Logger LOG = Logger.getLogger(TracingState.class.getName());

    private TracingState() {
    }

    /**
     * Logs {@code MERCURE0701I tracing on: <tracing>} when {@code tracing} makes spans (its {@code toString} says
     * where they go), else {@code MERCURE0702I tracing off: <whyOff>}.
     */
    public static void log(HubTracing tracing, String whyOff) {
        if (tracing.enabled()) {
            LOG.log(Level.INFO, "MERCURE0701I tracing on: {0}", tracing);
        } else {
            LOG.log(Level.INFO, "MERCURE0702I tracing off: {0}", whyOff);
        }
    }

    /** Logs {@code MERCURE0703W}: the OpenTelemetry API is there but could not be used; tracing is off. */
    public static void unusable(Throwable failure) {
        LOG.log(Level.WARNING, "MERCURE0703W tracing off: the OpenTelemetry bean could not be used: {0}", failure.toString());
    }
}
