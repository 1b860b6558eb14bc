package io.github.mercurejakarta.http;

import io.github.mercurejakarta.hub.DisconnectCause;
import io.github.mercurejakarta.hub.HubMetrics;
import io.github.mercurejakarta.hub.Limit;

import java.util.Locale;

/**
 * The hub's metrics in the Prometheus text exposition format 0.0.4, for any front end to serve
 * ({@code GET /metrics}, {@link #CONTENT_TYPE}); it only reads {@link HubMetrics}.
 *
 * <pre>{@code
 * String body = PrometheusText.of(hub.metrics());   // # HELP mercure_subscribers ...
 * }</pre>
 *
 * <p>Names follow Prometheus conventions: a {@code mercure_} prefix, base units (seconds), {@code _total}
 * on counters, labels for the cause of a disconnect and the limit of a refusal (every label value is
 * written, zero included, so that a rate over a cause that has not happened yet is 0 and not absent).
 */
public final class PrometheusText {

    /** The exposition format's media type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** @return the exposition of {@code m}, one family after another, ending with a line break */
    public static String of(HubMetrics m) {
        StringBuilder b = new StringBuilder(2048);
        family(b, "mercure_subscribers", "gauge", "Open subscriber streams (connections) on this hub node.");
        sample(b, "mercure_subscribers", "", m.subscribers());
        family(b, "mercure_subscriptions", "gauge", "Open subscriptions on this hub node: one per topic selector of each open stream.");
        sample(b, "mercure_subscriptions", "", m.subscriptions());
        family(b, "mercure_updates_published_total", "counter", "Updates accepted for publication on this hub node (HTTP or in-process).");
        sample(b, "mercure_updates_published_total", "", m.updatesPublished());
        family(b, "mercure_updates_dispatched_total", "counter", "Deliveries: updates queued to a matching subscriber (one update to three subscribers counts three).");
        sample(b, "mercure_updates_dispatched_total", "", m.updatesDispatched());
        family(b, "mercure_disconnects_total", "counter", "Subscriber streams ended by the hub, by cause.");
        for (DisconnectCause c : DisconnectCause.values()) {
            sample(b, "mercure_disconnects_total", "{cause=\"" + c.label() + "\"}", m.disconnects(c));
        }
        family(b, "mercure_limit_rejections_total", "counter", "Requests refused for going over a configured limit, by limit.");
        for (Limit l : Limit.values()) {
            sample(b, "mercure_limit_rejections_total", "{limit=\"" + l.label() + "\"}", m.limitRejections(l));
        }
        family(b, "mercure_dispatch_latency_seconds", "histogram",
                "Time from queuing updates for a subscriber to the completed write to its connection, per write.");
        double[] bounds = m.latencyBucketBounds();
        long[] cumulative = m.latencyCumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            sample(b, "mercure_dispatch_latency_seconds_bucket", "{le=\"" + number(bounds[i]) + "\"}", cumulative[i]);
        }
        long count = cumulative[cumulative.length - 1];
        sample(b, "mercure_dispatch_latency_seconds_bucket", "{le=\"+Inf\"}", count);
        b.append("mercure_dispatch_latency_seconds_sum ").append(number(m.latencySumSeconds())).append('\n');
        sample(b, "mercure_dispatch_latency_seconds_count", "", count);
        return b.toString();
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long value) {
        b.append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** Shortest text of a double that Prometheus parses back to the same value ({@code 0.0005}, {@code 1.0}). */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
