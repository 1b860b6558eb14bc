package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.http.HubRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * A JAX-RS request as the protocol layer sees it. The hub URL is the application's JAX-RS root plus
 * {@code .well-known/mercure}, whichever hub resource (stream, subscriptions API) was addressed.
 */
record JaxrsHubRequest(String method, UriInfo uri, HttpHeaders headers, String peerAddress) implements HubRequest {

    private static final String HUB_PATH = ".well-known/mercure";

    JaxrsHubRequest(String method, UriInfo uri, HttpHeaders headers) {
        this(method, uri, headers, null);
    }

    @Override
    public String hubUrl() {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + HUB_PATH;
    }

    @Override
    public String rawQuery() {
        return uri.getRequestUri().getRawQuery();
    }

    @Override
    public String header(String name) {
        return headers.getHeaderString(name);
    }

    @Override
    public int headerCount(String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? 0 : values.size();
    }
}
