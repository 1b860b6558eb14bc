package ${package};

import io.github.mercurejakarta.Mercure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /greetings} (form field {@code text}) publishes the greeting to every page subscribed to
 * {@code <hello.topic>/greetings}, with {@code @Inject Mercure}.
 */
@Path("/greetings")
@RequestScoped
public class GreetingResource {

    @Inject
    Mercure mercure;

    @Inject
    @ConfigProperty(name = "hello.topic")
    String topic;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response greet(@FormParam("text") String text) {
        if (text == null || text.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).entity("the form field text is required").build();
        }
        // the update's id, as the hub assigned it
        String id = mercure.publish(topic + "/greetings", new Greeting(text.strip()));
        return Response.ok(id).build();
    }
}
