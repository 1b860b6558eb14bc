package io.github.mercurejakarta.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Map;

/** A {@link HubHealth.Check} as a MicroProfile Health response (only loaded when the API is present). */
final class MicroProfileHealth {

    private MicroProfileHealth() {
    }

    static HealthCheckResponse response(HubHealth.Check check) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(check.name()).status(check.up());
        for (Map.Entry<String, Object> e : check.data().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Boolean flag) {
                b.withData(e.getKey(), flag);
            } else if (v instanceof Number n) {
                b.withData(e.getKey(), n.longValue());
            } else {
                b.withData(e.getKey(), String.valueOf(v));
            }
        }
        return b.build();
    }
}
