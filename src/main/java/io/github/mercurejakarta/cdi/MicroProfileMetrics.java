package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.config.ClassPresence;
import io.github.mercurejakarta.hub.DisconnectCause;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.HubMetrics;
import io.github.mercurejakarta.hub.Limit;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exposes the embedded hub's {@link HubMetrics} through MicroProfile Metrics when the application's
 * server provides it (Open Liberty's {@code mpMetrics-5.1}: they then appear on the server's
 * {@code /metrics}, with {@code mp_scope="application"}).
 *
 * <p>By class presence: {@link #register(Hub, Instance)} looks for the API by name and only then loads
 * {@link Registration}, the one class that links it, so the library deploys unchanged on a server
 * without it. The counters stay the hub's own (lock-free, always on); MicroProfile Metrics 5 has no
 * function counter, so each is registered as a gauge reading the hub's value (monotonic ones keep their
 * {@code .total} name), and the dispatch latency feeds a {@code Timer}.
 */
final class MicroProfileMetrics {

    private static final Logger LOG = Logger.getLogger(MicroProfileMetrics.class.getName());

    private MicroProfileMetrics() {
    }

    /** @return an action removing what was registered; a no-op when MicroProfile Metrics is absent */
    /**
     * @param beans the application's beans, from the caller's {@code BeanManager}: not {@code CDI.current()},
     *              which Open Liberty does not resolve to the application while it is starting
     */
    static Runnable register(Hub hub, jakarta.enterprise.inject.Instance<Object> beans) {
        if (!apiPresent()) {
            LOG.fine("no MicroProfile Metrics: the hub metrics are not exposed");
            return () -> { };
        }
        try {
            return Registration.register(hub.metrics(), beans);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "MERCURE0003W the hub metrics could not be registered with MicroProfile Metrics: {0}",
                    e.toString());
            return () -> { };
        }
    }

    /** @return true when the MicroProfile Metrics API can be loaded (checked by name: nothing links it here) */
    static boolean apiPresent() {
        return ClassPresence.loads("org.eclipse.microprofile.metrics.MetricRegistry", MicroProfileMetrics.class);
    }

    /** Links the MicroProfile Metrics API: loaded only once {@link #register(Hub, Instance)} found it. */
    static final class Registration {

        private Registration() {
        }

        static Runnable register(HubMetrics m, jakarta.enterprise.inject.Instance<Object> beans) {
            jakarta.enterprise.inject.Instance<ApplicationMetricRegistry> binding = beans.select(ApplicationMetricRegistry.class);
            org.eclipse.microprofile.metrics.MetricRegistry registry = binding.isResolvable() ? binding.get().get() : null;
            if (registry == null) {
                LOG.fine("MicroProfile Metrics API present but no MetricRegistry bean: the hub metrics are not exposed");
                return () -> { };
            }
            java.util.Set<org.eclipse.microprofile.metrics.Metric> ours =
                    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            ours.add(gauge(registry, "mercure.subscribers", "Open subscriber streams (connections) on this hub node.", null,
                    () -> m.subscribers()));
            ours.add(gauge(registry, "mercure.subscriptions", "Open subscriptions: one per topic selector of each open stream.", null,
                    () -> m.subscriptions()));
            ours.add(gauge(registry, "mercure.updates.published.total", "Updates accepted for publication (HTTP or in-process).", null,
                    () -> m.updatesPublished()));
            ours.add(gauge(registry, "mercure.updates.dispatched.total", "Deliveries: updates queued to a matching subscriber.", null,
                    () -> m.updatesDispatched()));
            for (DisconnectCause c : DisconnectCause.values()) {
                ours.add(gauge(registry, "mercure.disconnects.total", "Subscriber streams ended by the hub, by cause.",
                        new org.eclipse.microprofile.metrics.Tag("cause", c.label()), () -> m.disconnects(c)));
            }
            for (Limit l : Limit.values()) {
                ours.add(gauge(registry, "mercure.limit.rejections.total", "Requests refused for going over a configured limit.",
                        new org.eclipse.microprofile.metrics.Tag("limit", l.label()), () -> m.limitRejections(l)));
            }
            org.eclipse.microprofile.metrics.Timer latency = registry.timer(org.eclipse.microprofile.metrics.Metadata.builder()
                    .withName("mercure.dispatch.latency")
                    .withDescription("Time from queuing updates for a subscriber to the completed write, per write.")
                    .withUnit(org.eclipse.microprofile.metrics.MetricUnits.SECONDS).build());
            ours.add(latency);
            m.latencyListener(nanos -> latency.update(Duration.ofNanos(nanos)));
            return () -> {
                m.latencyListener(null);
                // exactly the metrics this hub registered, by identity: on a server where the registry is shared
                // between applications (Open Liberty), removing by name would take another application's too
                registry.removeMatching((id, metric) -> ours.contains(metric));
            };
        }

        private static org.eclipse.microprofile.metrics.Metric gauge(org.eclipse.microprofile.metrics.MetricRegistry registry, String name, String help,
                                  org.eclipse.microprofile.metrics.Tag tag, java.util.function.Supplier<Number> value) {
            org.eclipse.microprofile.metrics.Metadata md = org.eclipse.microprofile.metrics.Metadata.builder()
                    .withName(name).withDescription(help).build();
            return tag == null ? registry.gauge(md, value::get) : registry.gauge(md, value::get, tag);
        }
    }
}
