package io.github.mercurejakarta.server.jaxrs;

import io.github.mercurejakarta.auth.JwksKeys;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.server.HealthReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

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
 * <p>The answers are {@link HealthReport}'s, the same as the Netty front end's.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Hub hub;
    private final List<JwksKeys> keySets;

    public HealthResource(Hub hub, List<JwksKeys> keySets) {
        this.hub = hub;
        this.keySets = List.copyOf(keySets);
    }

    @GET
    public Response all() {
        return report(HealthReport.all(hub, keySets));
    }

    @GET
    @Path("live")
    public Response live() {
        return report(HealthReport.live(hub));
    }

    @GET
    @Path("ready")
    public Response ready() {
        return report(HealthReport.ready(hub, keySets));
    }

    @GET
    @Path("started")
    public Response started() {
        return report(HealthReport.started());
    }

    /** The front-end-neutral answer as a JAX-RS response. */
    private static Response report(HubResponse answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").entity(answer.body()).build();
    }
}
