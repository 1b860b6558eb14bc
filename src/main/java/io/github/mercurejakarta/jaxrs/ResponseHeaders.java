package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds the hub's headers to an SSE response.
 *
 * <p>Why a filter: a resource method that writes to an {@code SseEventSink} cannot set response
 * headers, yet the hub must send {@code Last-Event-ID} / {@code Mercure-Last-Event-ID}, cache and CORS
 * headers. The servers write the SSE response head (running response filters) at the first
 * {@code send()}; the resource stores the headers as a request property before that.
 */
@Provider
public class ResponseHeaders implements ContainerResponseFilter {

    /** The request property holding a {@code Map<String, String>} of headers to add. */
    static final String PROPERTY = "io.github.mercurejakarta.responseHeaders";

    /** Set by the request filter for the resource method of the same request (same thread). */
    private static final ThreadLocal<ContainerRequestContext> CURRENT = new ThreadLocal<>();

    static void bind(ContainerRequestContext request) {
        CURRENT.set(request);
    }

    /** Stores {@code headers} for the current request's response; returns false outside a request. */
    static boolean set(Map<String, String> headers) {
        ContainerRequestContext c = CURRENT.get();
        CURRENT.remove();
        if (c == null) {
            return false;
        }
        c.setProperty(PROPERTY, new LinkedHashMap<>(headers));
        return true;
    }

    static void unbind() {
        CURRENT.remove();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        unbind();
        Object h = request.getProperty(PROPERTY);
        if (h instanceof Map<?, ?> map) {
            ((Map<String, String>) map).forEach((k, v) -> {
                if (!response.getHeaders().containsKey(k)) {
                    response.getHeaders().add(k, v);
                }
            });
        }
    }
}
