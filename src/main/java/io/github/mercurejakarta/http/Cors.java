package io.github.mercurejakarta.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CORS for browser subscribers and publishers on other origins, from an explicit allowlist.
 *
 * <p>With an allowlist, the allowed origin is echoed with {@code Access-Control-Allow-Credentials: true}
 * (cookies and Authorization work); an unlisted origin gets no CORS header at all, so the browser
 * blocks it. {@code *} answers {@code Access-Control-Allow-Origin: *} without credentials, which is
 * only useful for anonymous hubs. Never an echo of an arbitrary origin.
 */
final class Cors {

    private static final String ALLOWED_HEADERS = "Authorization, Cache-Control, Last-Event-ID, Content-Type";
    private static final String EXPOSED_HEADERS = "Link, Last-Event-ID, Mercure-Last-Event-ID";

    private final List<String> origins;
    private final boolean any;

    Cors(List<String> origins) {
        this.origins = origins;
        this.any = origins.contains("*");
    }

    /** Headers for an actual (non-preflight) request. */
    Map<String, String> headers(HubRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        String origin = request.header("Origin");
        if (origin == null || origins.isEmpty()) {
            return h;
        }
        if (origins.contains(origin)) {
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Access-Control-Allow-Credentials", "true");
            h.put("Vary", "Origin");
            h.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        } else if (any) {
            h.put("Access-Control-Allow-Origin", "*");
            h.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        return h;
    }

    /** The answer to an {@code OPTIONS} preflight. */
    HubResponse preflight(HubRequest request) {
        HubResponse r = HubResponse.of(204, null);
        Map<String, String> h = headers(request);
        if (!h.isEmpty()) {
            r.headers(h);
            // QUERY (draft-08): a subscription with its selectors in a form body; Content-Type is an allowed header
            r.header("Access-Control-Allow-Methods", "GET, QUERY, POST, OPTIONS");
            r.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            r.header("Access-Control-Max-Age", "600");
        }
        return r;
    }
}
