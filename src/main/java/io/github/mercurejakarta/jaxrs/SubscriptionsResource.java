package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The subscriptions API of the hub, {@code /.well-known/mercure/subscriptions[/...]}: only moves the
 * request to {@link HubProtocol#subscriptions} and its answer back.
 *
 * <p>Why the raw request URI: the path variables are percent-encoded topics and subscriber IRIs, in which
 * {@code %2F} is a slash of the value and not a separator. JAX-RS path templates match decoded paths, so
 * this resource takes everything below {@code subscriptions} as one raw string (from
 * {@link UriInfo#getRequestUri()}, never decoded) and the protocol layer splits and decodes it once.
 */
@Path("/.well-known/mercure/subscriptions")
@ApplicationScoped
public class SubscriptionsResource {

    private static final String HUB = ".well-known/mercure";
    private static final String API = HUB + "/subscriptions";

    private HubProtocol protocol;

    /** For CDI. */
    public SubscriptionsResource() {
    }

    /** For a front end without CDI (the standalone hub). */
    public SubscriptionsResource(HubProtocol protocol) {
        this.protocol = protocol;
    }

    @Inject
    void init(EmbeddedHub embedded) {
        embedded.serving();
        this.protocol = embedded.protocol().orElse(null);
    }

    private HubProtocol protocol() {
        ResponseHeaders.unbind();
        if (protocol == null) {
            throw new NotFoundException("the embedded Mercure hub is off (mercure.hub)");
        }
        return protocol;
    }

    /** The collection of every subscription. */
    @GET
    public Response all(@Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    /** A topic's (draft-07) or a matcher's (draft-08) subscriptions, or one subscription. */
    @GET
    @Path("{rest: .+}")
    public Response some(@Context UriInfo uri, @Context HttpHeaders headers) {
        return answer(uri, headers);
    }

    /** CORS preflight. */
    @OPTIONS
    public Response preflightAll(@Context UriInfo uri, @Context HttpHeaders headers) {
        return HubResource.toResponse(protocol().preflight(request("OPTIONS", uri, headers)));
    }

    /** CORS preflight. */
    @OPTIONS
    @Path("{rest: .+}")
    public Response preflightSome(@Context UriInfo uri, @Context HttpHeaders headers) {
        return preflightAll(uri, headers);
    }

    private Response answer(UriInfo uri, HttpHeaders headers) {
        HubProtocol p = protocol();
        String raw = uri.getRequestUri().getRawPath();
        String prefix = uri.getBaseUri().getRawPath();
        prefix = (prefix.endsWith("/") ? prefix : prefix + "/") + API;
        String rest = raw.startsWith(prefix) ? raw.substring(prefix.length()) : rawRestFromMatchedPath(uri);
        return HubResource.toResponse(p.subscriptions(request("GET", uri, headers), rest));
    }

    /** When the container rewrote the request URI's prefix (e.g. a proxy), fall back on JAX-RS's encoded path. */
    private static String rawRestFromMatchedPath(UriInfo uri) {
        String path = uri.getPath(false);
        int i = path.indexOf(API);
        return i < 0 ? "" : path.substring(i + API.length());
    }

    private static HubRequest request(String method, UriInfo uri, HttpHeaders headers) {
        return new JaxrsHubRequest(method, uri, headers);
    }
}
