package io.github.mercurejakarta.health;

import io.github.mercurejakarta.auth.JwksKeys;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.transport.TransportHealth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's liveness and readiness, in plain Java: what the MicroProfile Health checks of the embedded hub
 * ({@link HubLivenessCheck}, {@link HubReadinessCheck}) and the standalone hub's {@code /health/live} and
 * {@code /health/ready} both report.
 *
 * <pre>{@code
 * HubHealth.Check ready = HubHealth.readiness(hub);
 * if (!ready.up()) { ... }   // publishing would fail with 503 now (e.g. Redis is unreachable)
 * }</pre>
 *
 * <ul>
 * <li><b>Liveness</b> ({@value #LIVENESS}): the hub is running and dispatch is not stuck: a task handed
 *     to the writer threads runs within {@link #STUCK} and the transport's delivery (a Redis reader loop)
 *     keeps going round. Down means restarting the process helps.</li>
 * <li><b>Readiness</b> ({@value #READINESS}): the hub is running and the transport takes updates now
 *     (the local transport always does; Redis when it answers). Down means publishing fails with 503 at
 *     the moment; open streams stay up and resume when the transport is back, so a load balancer should
 *     send new traffic elsewhere rather than restart anything. With JWK Sets
 *     ({@code mercure.*.jwks.url}), each one's state is in the data ({@code jwks <url>}): the keys held, and
 *     whether the last fetch failed. An unreachable endpoint leaves readiness up while keys are held (tokens
 *     are verified with them); a set of which no key was ever fetched makes it down (every token would be
 *     refused).</li>
 * </ul>
 */
public final class HubHealth {

    /** The liveness check's name. */
    public static final String LIVENESS = "mercure-hub";
    /** The readiness check's name. */
    public static final String READINESS = "mercure-transport";
    /** A writer thread pool that has not run a task for this long is stuck. */
    public static final Duration STUCK = Duration.ofSeconds(30);

    private HubHealth() {
    }

    /**
     * One check's outcome, as MicroProfile Health reports it.
     *
     * @param name the check's name
     * @param up   its status
     * @param data what an operator wants to see next to it: strings, numbers and booleans
     */
    public record Check(String name, boolean up, Map<String, Object> data) {

        public Check {
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    /** Liveness of {@code hub} (see the class comment), writer threads stuck after {@link #STUCK}. */
    public static Check liveness(Hub hub) {
        return liveness(hub, STUCK);
    }

    /**
     * Liveness of {@code hub}, its writer threads counting as stuck once a task has waited {@code stuckAfter}
     * (a shorter bound for a probe that should restart sooner).
     */
    public static Check liveness(Hub hub, Duration stuckAfter) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean running = hub.isRunning();
        Duration writerDelay = hub.writerDelay();
        TransportHealth transport = hub.transportHealth();
        boolean writersOk = writerDelay.compareTo(stuckAfter) < 0;
        data.put("running", running);
        data.put("subscribers", hub.subscriberCount());
        data.put("writerDelayMillis", writerDelay.toMillis());
        data.put("delivering", transport.delivering());
        if (!transport.delivering()) {
            data.putAll(transport.data());
        }
        return new Check(LIVENESS, running && writersOk && transport.delivering(), data);
    }

    /** Readiness of {@code hub} (see the class comment). */
    public static Check readiness(Hub hub) {
        return readiness(hub, List.of());
    }

    /** Readiness of {@code hub} and of the JWK Sets its tokens are verified with (see the class comment). */
    public static Check readiness(Hub hub, List<JwksKeys> keySets) {
        TransportHealth transport = hub.transportHealth();
        Map<String, Object> data = new LinkedHashMap<>(transport.data());
        boolean running = hub.isRunning();
        if (!running) {
            data.put("running", false);
        }
        boolean keys = true;
        for (JwksKeys set : keySets) {
            JwksKeys.Status s = set.status();
            keys &= s.usable();
            StringBuilder text = new StringBuilder().append(s.keyIds().size()).append(" key(s)");
            if (s.fetchedAt() != null) {
                text.append(", fetched ").append(s.fetchedAt());
            }
            if (s.failedAt() != null) {
                text.append(", unreachable since ").append(s.failedAt()).append(": ").append(s.lastError());
            }
            data.put("jwks " + s.url(), text.toString());
        }
        return new Check(READINESS, running && transport.reachable() && keys, data);
    }
}
