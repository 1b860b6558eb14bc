package io.github.mercurejakarta.it.external;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.exceptions.ExternalHubFailure;
import io.github.mercurejakarta.exceptions.HubAuthorizationException;
import io.github.mercurejakarta.exceptions.MercureException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The application side of the external-hub ITs: publishes with {@code @Inject Mercure} and answers
 * {@code 200 <id>}, or {@code 502 <exception class>|<status>|<error>|<hub message>} so that the test can
 * check the typed exception the application got.
 */
@Path("/external")
@RequestScoped
public class ExternalPublishResource {

    @Inject
    Mercure mercure;

    @POST
    @Path("publish")
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(@FormParam("topic") List<String> topics, @FormParam("data") String data,
                            @FormParam("private") boolean privateUpdate, @FormParam("type") String type,
                            @FormParam("async") boolean async) {
        Update update = Update.builder().topics(topics).data(data).privateUpdate(privateUpdate).type(type).build();
        try {
            String id = async
                    ? mercure.publishAsync(update).toCompletableFuture().get(30, TimeUnit.SECONDS)
                    : mercure.publish(update);
            return Response.ok(id).build();
        } catch (MercureException e) {
            if (e instanceof ExternalHubFailure f) {
                return failure(e, f);
            }
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ExternalHubFailure f) {
                return failure(e.getCause(), f);
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response failure(Throwable e, ExternalHubFailure f) {
        String error = e instanceof HubAuthorizationException a ? a.error().orElse("") : "";
        return Response.status(502).entity(e.getClass().getSimpleName() + "|" + f.status() + "|" + error + "|"
                + f.hubMessage().orElse("")).build();
    }
}
