package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.protocol.Dialect;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Answers with values computed by the library and read from the deployment's MicroProfile Config. */
@Path("smoke")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class SmokeResource {

    @Inject
    @ConfigProperty(name = "mercure.it.greeting", defaultValue = "unset")
    String greeting;

    @Inject
    Greeter greeter;

    @GET
    @Path("dialect")
    public String dialect() {
        return Dialect.DRAFT_08.lastEventIdResponseHeader();
    }

    @GET
    @Path("config")
    public String config() {
        return greeting;
    }

    @GET
    @Path("greet")
    public String greet() {
        return greeter.greet("liberty");
    }
}
