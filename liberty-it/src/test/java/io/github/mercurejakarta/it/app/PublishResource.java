package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A test application's own endpoint that publishes with {@code @Inject Mercure}, as a user would. */
@Path("/app")
@RequestScoped
public class PublishResource {

    /** A JSON-B serialisable payload. */
    public record Book(String title, int year) {
    }

    @Inject
    Mercure mercure;

    @POST
    @Path("publish")
    @Produces(MediaType.TEXT_PLAIN)
    public String publish(@FormParam("topic") String topic, @FormParam("data") String data) {
        return mercure.publish(topic, data);
    }

    @POST
    @Path("publish-update")
    @Produces(MediaType.TEXT_PLAIN)
    public String publishUpdate(@FormParam("topic") java.util.List<String> topics, @FormParam("data") String data,
                                @FormParam("private") boolean privateUpdate, @FormParam("id") String id,
                                @FormParam("type") String type, @FormParam("retry") Long retry) {
        return mercure.publish(Update.builder().topics(topics).data(data).privateUpdate(privateUpdate)
                .id(id).type(type).retry(retry).build());
    }

    @POST
    @Path("publish-book")
    @Produces(MediaType.TEXT_PLAIN)
    public String publishBook(@FormParam("topic") String topic, @FormParam("title") String title, @FormParam("year") int year) {
        return mercure.publish(topic, new Book(title, year));
    }
}
