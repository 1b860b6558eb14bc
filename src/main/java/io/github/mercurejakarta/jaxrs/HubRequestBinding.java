package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Makes the request context reachable from the hub resource of the same request, so that the SSE
 * response can carry headers (see {@link ResponseHeaders}).
 */
@Provider
@PreMatching
public class HubRequestBinding implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().contains(".well-known/mercure")) {
            ResponseHeaders.bind(request);
        }
    }
}
