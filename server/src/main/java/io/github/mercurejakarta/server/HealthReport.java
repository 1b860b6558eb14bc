package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.JwksKeys;
import io.github.mercurejakarta.health.HubHealth;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.protocol.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone hub's health answers, in MicroProfile Health's format and with its status codes, the same
 * from both front ends: {@code /health} (all checks), {@code /health/live}, {@code /health/ready} (down while
 * Redis is unreachable) and {@code /health/started}. The checks themselves are the library's
 * ({@link HubHealth}), the same as the embedded hub's.
 */
public final class HealthReport {

    private HealthReport() {
    }

    /** {@code /health}: liveness and readiness (with the state of the JWK Sets tokens are verified with). */
    public static HubResponse all(Hub hub, List<JwksKeys> keySets) {
        return of(List.of(HubHealth.liveness(hub), HubHealth.readiness(hub, keySets)));
    }

    /** {@code /health/live} */
    public static HubResponse live(Hub hub) {
        return of(List.of(HubHealth.liveness(hub)));
    }

    /** {@code /health/ready}: down while the transport cannot take updates, or a JWK Set has no key at all */
    public static HubResponse ready(Hub hub, List<JwksKeys> keySets) {
        return of(List.of(HubHealth.readiness(hub, keySets)));
    }

    /** {@code /health/started}: the hub serves requests only once it has started, so there is nothing left to wait for. */
    public static HubResponse started() {
        return of(List.of());
    }

    /** {@code {"status":…,"checks":[{"name":…,"status":…,"data":{…}}]}}, 200 when every check is up, else 503. */
    static HubResponse of(List<HubHealth.Check> checks) {
        boolean up = checks.stream().allMatch(HubHealth.Check::up);
        List<Object> list = new ArrayList<>(checks.size());
        for (HubHealth.Check c : checks) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("status", status(c.up()));
            if (!c.data().isEmpty()) {
                check.put("data", c.data());
            }
            list.add(check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("checks", list);
        return HubResponse.of(up ? 200 : 503, "application/json", Json.write(body))
                .header("Cache-Control", "no-store");
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
