package io.github.mercurejakarta.server.jaxrs;

import io.github.mercurejakarta.http.PrometheusText;
import io.github.mercurejakarta.hub.HubMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: the standalone hub's metrics for Prometheus. A thin JAX-RS shell; the text is
 * {@link PrometheusText}'s, which any other front end serves the same way.
 *
 * <p>It lives in the server, not the library: in an application the metrics go through MicroProfile
 * Metrics (the server's own {@code /metrics}), and a library resource at {@code /metrics} would clash
 * with it.
 */
@Path("/metrics")
public class MetricsResource {

    private final HubMetrics metrics;

    public MetricsResource(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        return Response.ok(PrometheusText.of(metrics)).header("Content-Type", PrometheusText.CONTENT_TYPE)
                .header("Cache-Control", "no-store").build();
    }
}
