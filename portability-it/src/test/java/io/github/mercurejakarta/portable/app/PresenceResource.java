package io.github.mercurejakarta.portable.app;

import io.github.mercurejakarta.Mercure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The application's own "who is online" question to the embedded hub, as a user's code would ask it. */
@Path("app/connected")
@RequestScoped
public class PresenceResource {

    @Inject
    Mercure mercure;

    /** {@code true} or {@code false}: is anyone subscribed to {@code topic}? */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String connected(@QueryParam("topic") String topic) {
        return String.valueOf(mercure.isConnected(topic));
    }
}
