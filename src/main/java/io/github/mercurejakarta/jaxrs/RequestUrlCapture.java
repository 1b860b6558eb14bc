package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.subscriber.RequestUrls;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records each JAX-RS request's base and request URIs in the request-scoped {@link CurrentRequest}, where
 * the subscriber helpers ({@code mercure.hubUrl(...)}, the cookie) read them: a CDI bean cannot inject
 * {@code @Context UriInfo}, and this works for every resource of the application without annotating it.
 *
 * <p>The bean is looked up through {@link CDI#current()} (once; it is a client proxy that follows the
 * request) because servers need not make providers CDI beans. Without CDI (the standalone hub) it does
 * nothing.
 */
@Provider
@PreMatching
public class RequestUrlCapture implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(RequestUrlCapture.class.getName());

    /** Empty without a CDI container, once and for all: the look-up is not retried at each request. */
    private final Lazy<Optional<CurrentRequest>> current = Lazy.of(RequestUrlCapture::lookUp);

    @Override
    public void filter(ContainerRequestContext request) {
        CurrentRequest c = current.get().orElse(null);
        if (c == null) {
            return;
        }
        try {
            c.set(RequestUrls.of(request.getUriInfo().getBaseUri(), request.getUriInfo().getRequestUri()));
        } catch (ContextNotActiveException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "request URLs not recorded: {0}", e.toString());
        }
    }

    private static Optional<CurrentRequest> lookUp() {
        try {
            return Optional.of(CDI.current().select(CurrentRequest.class).get());
        } catch (IllegalStateException | jakarta.enterprise.inject.UnsatisfiedResolutionException e) {
            LOG.log(Level.FINE, "no CDI container: the subscriber helpers take hub URLs from configuration only ({0})",
                    e.toString());
            return Optional.empty();
        }
    }
}
