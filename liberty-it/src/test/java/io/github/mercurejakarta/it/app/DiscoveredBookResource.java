package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.MercureDiscovery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Class-level {@link MercureDiscovery} with {@code rel="self"}, and an OPTIONS method answering preflights. */
@Path("books/{id}")
@MercureDiscovery(self = true)
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveredBookResource {

    @GET
    public String get() {
        return "{\"title\":\"Dune\"}";
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent().header("Access-Control-Allow-Methods", "GET").build();
    }
}
