package io.github.mercurejakarta.http;

import io.github.mercurejakarta.protocol.Dialect;

/**
 * Finds the access token of a request, in each draft's order of precedence:
 * <ul>
 *   <li>draft-07: {@code Authorization} header, then the {@code authorization} query parameter, then
 *       the cookie;</li>
 *   <li>draft-08: {@code Authorization} header, then the cookie; tokens in the URL are never accepted.</li>
 * </ul>
 *
 * @param value     the token, or null when the request carries none
 * @param source    where it came from
 * @param problem   why the request's {@code Authorization} header cannot be used (not {@code Bearer <token>}, or
 *                  more than one such header: RFC 6750 §2 allows one method and one token per request), else null
 */
public record BearerToken(String value, Source source, String problem) {

    /** Where a token was found. */
    public enum Source { NONE, HEADER, QUERY, COOKIE }

    static final BearerToken NONE = new BearerToken(null, Source.NONE, null);
    static final BearerToken MALFORMED = new BearerToken(null, Source.HEADER, "malformed Authorization header");
    static final BearerToken REPEATED = new BearerToken(null, Source.HEADER, "more than one Authorization header");

    /** @return true when the request's {@code Authorization} header cannot be used: answer 400 {@code invalid_request} */
    public boolean malformed() {
        return problem != null;
    }

    /** @return true when a token was found */
    public boolean present() {
        return value != null;
    }

    /**
     * @param cookieNames the cookie names to look for, in order (the configured one, or the dialect's)
     */
    static BearerToken find(HubRequest request, Dialect dialect, FormData query, String... cookieNames) {
        String header = request.header("Authorization");
        // Which one was meant? The reference hub refuses too. Some front ends (RESTEasy on reactor-netty) join
        // repeated fields into one comma-separated value (RFC 9110 §5.3); no credentials contain a comma.
        if (request.headerCount("Authorization") > 1 || (header != null && header.indexOf(',') >= 0)) {
            return REPEATED;
        }
        if (header != null) {
            return fromHeader(header);
        }
        if (dialect == Dialect.DRAFT_07 && query != null && query.has("authorization")) {
            String v = query.first("authorization");
            return v.isEmpty() ? NONE : new BearerToken(v, Source.QUERY, null);
        }
        String cookie = request.header("Cookie");
        if (cookie != null) {
            for (String name : cookieNames) {
                String v = cookieValue(cookie, name);
                if (v != null && !v.isEmpty()) {
                    return new BearerToken(v, Source.COOKIE, null);
                }
            }
        }
        return NONE;
    }

    /** RFC 6750 §2.1: {@code Bearer} (any case), one space or more, a token68. */
    static BearerToken fromHeader(String header) {
        String h = header.trim();
        int sp = h.indexOf(' ');
        if (sp <= 0 || !h.substring(0, sp).equalsIgnoreCase("Bearer")) {
            return MALFORMED;
        }
        String token = h.substring(sp + 1).trim();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            return MALFORMED;
        }
        return new BearerToken(token, Source.HEADER, null);
    }

    /** The value of cookie {@code name} in a {@code Cookie} request header (RFC 6265 §5.4), or null. */
    static String cookieValue(String cookieHeader, String name) {
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (pair.substring(0, eq).trim().equals(name)) {
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }
}
