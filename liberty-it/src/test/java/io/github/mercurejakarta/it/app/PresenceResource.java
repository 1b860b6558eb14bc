package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Mercure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A test application's own endpoints asking the embedded hub who is there, as a user would. */
@Path("/app/presence")
@RequestScoped
public class PresenceResource {

    @Inject
    Mercure mercure;

    /** {@code true} or {@code false}: is anyone (with {@code user} in the payload, when given) on {@code topic}? */
    @GET
    @Path("connected")
    @Produces(MediaType.TEXT_PLAIN)
    public String connected(@QueryParam("topic") String topic, @QueryParam("user") String user) {
        Map<String, Object> filter = new HashMap<>();
        if (user != null) {
            filter.put("user", user);
        }
        return String.valueOf(mercure.isConnected(topic, filter));
    }

    /** One line per subscription on {@code topic} (all when absent): {@code DRAFT_0<version> matchType match subscriber active payload}. */
    @GET
    @Path("subscriptions")
    @Produces(MediaType.TEXT_PLAIN)
    public String subscriptions(@QueryParam("topic") String topic) {
        return mercure.getSubscriptions(topic).stream().map(PresenceResource::line).collect(Collectors.joining("\n"));
    }

    /** The one subscription of {@code subscriber} on {@code topic}, or {@code none}. */
    @GET
    @Path("subscription")
    @Produces(MediaType.TEXT_PLAIN)
    public String subscription(@QueryParam("topic") String topic, @QueryParam("subscriber") String subscriber) {
        return mercure.getSubscription(topic, subscriber).map(PresenceResource::line).orElse("none");
    }

    private static String line(ActiveSubscription s) {
        return "DRAFT_0" + s.protocolVersion() + " " + s.matchType() + " " + s.match() + " " + s.subscriber() + " " + s.active() + " " + s.payload();
    }
}
