package io.github.mercurejakarta.subscriber;

import java.net.URI;
import java.util.Objects;

/**
 * The current request as the subscriber helpers need it: the JAX-RS application's base URI (scheme,
 * host, port, context root and application path; the embedded hub is at
 * {@code base + ".well-known/mercure"}) and the request's own URI (the {@code rel="self"} link).
 *
 * <pre>{@code
 * RequestUrls request = RequestUrls.of(uriInfo.getBaseUri(), uriInfo.getRequestUri());
 * String hub = request.embeddedHubUrl();   // http://localhost:9080/app/.well-known/mercure
 * }</pre>
 *
 * @param baseUri    the application's base URI, e.g. {@code http://localhost:9080/app/}
 * @param requestUri the full request URI
 */
public record RequestUrls(URI baseUri, URI requestUri) {

    public RequestUrls {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(requestUri, "requestUri");
        if (!baseUri.isAbsolute() || baseUri.getHost() == null) {
            throw new IllegalArgumentException("the base URI must be absolute with a host: " + baseUri);
        }
    }

    public static RequestUrls of(URI baseUri, URI requestUri) {
        return new RequestUrls(baseUri, requestUri);
    }

    /** @return where the embedded hub answers for this request: {@code <base>/.well-known/mercure} */
    public String embeddedHubUrl() {
        String base = baseUri.toString();
        int cut = indexOfQueryOrFragment(base);
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        return (base.endsWith("/") ? base : base + "/") + ".well-known/mercure";
    }

    /** @return true when the request came over https */
    public boolean secure() {
        return "https".equalsIgnoreCase(baseUri.getScheme());
    }

    /** @return the host the client addressed */
    public String host() {
        return baseUri.getHost();
    }

    private static int indexOfQueryOrFragment(String s) {
        int q = s.indexOf('?');
        int f = s.indexOf('#');
        return q < 0 ? f : f < 0 ? q : Math.min(q, f);
    }
}
