package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.MercureDiscovery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Method-level {@link MercureDiscovery} without self, next to a method without it. */
@Path("feed")
@Produces(MediaType.TEXT_PLAIN)
public class DiscoveredFeedResource {

    @GET
    @MercureDiscovery
    public String get() {
        return "feed";
    }

    @GET
    @Path("plain")
    public String plain() {
        return "plain";
    }
}
