package io.github.mercurejakarta.server;

import io.github.mercurejakarta.health.HubHealth;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.protocol.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone hub's health endpoints, in MicroProfile Health's format and with its status codes, so
 * that the probes written for an application with the embedded hub work unchanged against the standalone
 * hub: {@code /health/live} (liveness), {@code /health/ready} (readiness: down while Redis is
 * unreachable), {@code /health/started} and {@code /health} (all of them).
 *
 * <pre>{@code
 * $ curl -i http://localhost:3000/health/ready
 * HTTP/1.1 503 Service Unavailable
 * {"status":"DOWN","checks":[{"name":"mercure-transport","status":"DOWN","data":{"transport":"redis://redis:6379","error":"..."}}]}
 * }</pre>
 *
 * <p>The checks themselves are the library's ({@link HubHealth}), the same as the embedded hub's.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Hub hub;

    public HealthResource(Hub hub) {
        this.hub = hub;
    }

    @GET
    public Response all() {
        return report(List.of(HubHealth.liveness(hub), HubHealth.readiness(hub)));
    }

    @GET
    @Path("live")
    public Response live() {
        return report(List.of(HubHealth.liveness(hub)));
    }

    @GET
    @Path("ready")
    public Response ready() {
        return report(List.of(HubHealth.readiness(hub)));
    }

    /** Startup: the hub serves requests only once it has started, so there is nothing left to wait for. */
    @GET
    @Path("started")
    public Response started() {
        return report(List.of());
    }

    /** {@code {"status":…,"checks":[{"name":…,"status":…,"data":{…}}]}}, 200 when every check is up, else 503. */
    static Response report(List<HubHealth.Check> checks) {
        HubResponse answer = answer(checks);
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").entity(answer.body()).build();
    }

    /** The same answer, front-end-neutral (the Netty front end serves it as is). */
    static HubResponse answer(List<HubHealth.Check> checks) {
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
        return HubResponse.of(up ? 200 : 503, MediaType.APPLICATION_JSON, Json.write(body))
                .header("Cache-Control", "no-store");
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
