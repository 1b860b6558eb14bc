package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.cdi.EmbeddedHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

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
 * shows exactly what an application's front end sees. Its files are class-path resources of this
 * package rather than {@code META-INF/resources}, which servlet containers would serve from the jar
 * whatever the setting.
 */
@Path("/.well-known/mercure/ui")
@ApplicationScoped
public class DebugPageResource {

    /** The files of the page, by the name they are served under, with their media types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "debug-page.js", "text/javascript; charset=utf-8",
            "debug-page.css", "text/css; charset=utf-8");

    /**
     * Script and styles come from the page's own files only (no inline code, nothing from elsewhere);
     * requests go to this origin only: the page debugs this hub. No referrer: draft-07 subscription URLs
     * may carry a token in the query.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private boolean enabled;

    /** For CDI. */
    public DebugPageResource() {
    }

    /** For a front end without CDI (the standalone hub): {@code enabled} is its {@code --ui}. */
    public DebugPageResource(boolean enabled) {
        this.enabled = enabled;
    }

    @Inject
    void init(EmbeddedHub embedded) {
        this.enabled = embedded.hub().isPresent() && embedded.config().ui();
    }

    /**
     * The page itself, at {@code ui/}; {@code ui} redirects there, so that the page's relative links to its
     * script and style sheet resolve below {@code ui/} whatever the application's context root.
     */
    @GET
    public Response page(@Context UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (enabled && !path.endsWith("/")) {
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
        String type = FILES.get(name);
        if (!enabled) {
            throw new NotFoundException("the hub's debugging page is off (mercure.hub.ui, or --ui for the standalone hub)");
        }
        if (type == null) {
            throw new NotFoundException("no such file of the debugging page: " + name);
        }
        return Response.ok(read(name), type)
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static byte[] read(String name) {
        try (InputStream in = DebugPageResource.class.getResourceAsStream("debug-page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the debugging page's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
