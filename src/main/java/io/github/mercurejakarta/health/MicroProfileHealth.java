package io.github.mercurejakarta.health;

import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link HubHealth.Check} as a MicroProfile Health response (only loaded when the API is present). */
final class MicroProfileHealth {

    private MicroProfileHealth() {
    }

    /**
     * Built with the response's constructor rather than {@code HealthCheckResponse.named(...)}: the
     * builder looks its implementation up through a service loader, which fails wherever no MicroProfile
     * Health implementation is installed for the caller's class loader; the constructor needs none.
     * Data values are kept to the types the API allows (string, long, boolean).
     */
    static HealthCheckResponse response(HubHealth.Check check) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : check.data().entrySet()) {
            Object v = e.getValue();
            data.put(e.getKey(), v instanceof Boolean || v instanceof Long ? v
                    : v instanceof Number n ? (Object) n.longValue() : String.valueOf(v));
        }
        return new HealthCheckResponse(check.name(), check.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(data));
    }

    /** Up, for an application whose hub is external: there is nothing of the hub's to check here. */
    static HealthCheckResponse external(String name) {
        return response(new HubHealth.Check(name, true, Map.of("hub", "external")));
    }

    /** The application's embedded hub: through {@code injected} when it resolves, else through {@code CDI.current()}. */
    static EmbeddedHub embeddedHub(jakarta.enterprise.inject.Instance<EmbeddedHub> injected) {
        if (injected != null && injected.isResolvable()) {
            return injected.get();
        }
        return jakarta.enterprise.inject.spi.CDI.current().select(EmbeddedHub.class).get();
    }
}
