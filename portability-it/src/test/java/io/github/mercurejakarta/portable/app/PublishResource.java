package io.github.mercurejakarta.portable.app;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The application's own endpoint publishing with {@code @Inject Mercure}, as a user's code would; answers the id. */
@Path("app/publish")
@RequestScoped
public class PublishResource {

    @Inject
    Mercure mercure;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String publish(@FormParam("topic") List<String> topics, @FormParam("data") String data,
                          @FormParam("private") boolean privateUpdate, @FormParam("id") String id,
                          @FormParam("type") String type, @FormParam("retry") Long retry) {
        return mercure.publish(Update.builder().topics(topics).data(data).privateUpdate(privateUpdate)
                .id(id).type(type).retry(retry).build());
    }
}
