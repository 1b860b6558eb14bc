package io.github.mercurejakarta.hub.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of a {@link Transport} for health checks.
 *
 * <pre>{@code
 * TransportHealth h = transport.health();
 * if (!h.reachable()) { ... }   // readiness: publishing would fail with 503 now
 * }</pre>
 *
 * @param reachable  whether updates can be published now (a shared log's server answers)
 * @param delivering whether delivery makes progress (a reader loop that is alive and not stuck); a
 *                   transport that is merely unreachable is still delivering: it resumes on its own
 * @param data       what an operator wants to see next to the status (the transport's URL without its
 *                   password, the last error), string, number or boolean values
 */
public record TransportHealth(boolean reachable, boolean delivering, Map<String, Object> data) {

    public TransportHealth {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return a reachable, delivering transport with {@code data} */
    public static TransportHealth up(Map<String, Object> data) {
        return new TransportHealth(true, true, data);
    }
}
