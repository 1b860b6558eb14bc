package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.http.DebugPage;
import io.github.mercurejakarta.http.HubResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;


/**
 * The hub's debugging page, {@code /.well-known/mercure/ui/}: a self-contained HTML page (no CDN, no build
 * step) that subscribes to topics and publishes updates by hand. Off by default; {@code mercure.hub.ui=true}
 * turns it on for the embedded hub, {@code mercure hub --ui} for the standalone one. When off, every path
 * below {@code ui} answers 404.
 *
 * <pre>{@code
 * # standalone
 * bin/mercure hub --ui          # then open http://localhost:5500/.well-known/mercure/ui/
 * # embedded (microprofile-config.properties)
 * mercure.hub.ui=true
 * }</pre>
 *
 * <p>The page talks to the hub with the browser's own {@code EventSource} and {@code fetch}, so it
 * shows exactly what an application's front end sees. The files and their headers are {@link DebugPage}'s,
 * shared with the standalone hub's Netty front end.
 */
@Path("/.well-known/mercure/ui")
@ApplicationScoped
public class DebugPageResource {

    private DebugPage page = new DebugPage(false);

    /** For CDI. */
    public DebugPageResource() {
    }

    /** For a front end without CDI (the standalone hub): {@code enabled} is its {@code --ui}. */
    public DebugPageResource(boolean enabled) {
        this.page = new DebugPage(enabled);
    }

    @Inject
    void init(EmbeddedHub embedded) {
        this.page = new DebugPage(embedded.hub().isPresent() && embedded.config().ui());
    }

    /**
     * The page itself, at {@code ui/}; {@code ui} redirects there, so that the page's relative links to its
     * script and style sheet resolve below {@code ui/} whatever the application's context root.
     */
    @GET
    public Response page(@Context UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (page.enabled() && !path.endsWith("/")) {
            ResponseHeaders.unbind();
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(uri.getRequestUri().resolve(path.substring(path.lastIndexOf('/') + 1) + "/")).build();
        }
        return file("index.html");
    }

    /** The page's script and style sheet; any other name is 404. */
    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        ResponseHeaders.unbind();
        HubResponse r = page.file(name);
        if (r.status() == 404) {
            throw new NotFoundException(r.body());
        }
        return HubResource.toResponse(r);
    }
}
