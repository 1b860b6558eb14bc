package io.github.mercurejakarta.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete answer of the hub (status, headers, text body) that a front end writes as is.
 */
public final class HubResponse {

    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final String body;

    private HubResponse(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** A response whose body is plain text ({@code null} for none). */
    public static HubResponse of(int status, String body) {
        HubResponse r = new HubResponse(status, body);
        if (body != null) {
            r.header("Content-Type", TEXT_PLAIN);
        }
        return r;
    }

    /** A response whose body has the given content type (e.g. {@code application/json}). */
    public static HubResponse of(int status, String contentType, String body) {
        HubResponse r = new HubResponse(status, body);
        r.header("Content-Type", contentType);
        return r;
    }

    /** Adds a header value (several calls with one name add several values). */
    public HubResponse header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        return this;
    }

    /** Adds every header of {@code more}. */
    public HubResponse headers(Map<String, String> more) {
        more.forEach(this::header);
        return this;
    }

    public int status() {
        return status;
    }

    /** @return header name to values, in insertion order */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** @return the first value of a header, or null */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** @return the text body, or null */
    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return status + " " + headers + (body == null ? "" : " " + body);
    }
}
