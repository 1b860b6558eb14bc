package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.subscriber.RequestUrls;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/**
 * The URLs of the current HTTP request, recorded by {@link io.github.mercurejakarta.jaxrs.RequestUrlCapture}
 * for the subscriber helpers. Request-scoped rather than a thread-local: a request-scoped bean cannot
 * leak into the next request served by the same thread, and it stays right when a request changes
 * threads (asynchronous responses).
 */
@RequestScoped
public class CurrentRequest {

    private RequestUrls urls;

    public void set(RequestUrls urls) {
        this.urls = urls;
    }

    /** @return the request's URLs; empty when no JAX-RS request filter ran (a Servlet or Faces request) */
    public Optional<RequestUrls> urls() {
        return Optional.ofNullable(urls);
    }
}
