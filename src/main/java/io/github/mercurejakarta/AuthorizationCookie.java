package io.github.mercurejakarta;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * The authorization cookie that carries a subscriber token to the hub (draft-07
 * {@code mercureAuthorization}, draft-08 {@code __Secure-mercure_access_token}, or
 * {@code mercure.authz.cookie.name}), with the attributes the spec asks for: {@code HttpOnly},
 * {@code SameSite=Strict}, {@code Path} = the hub's path, {@code Secure} for https, {@code Domain} only
 * when the hub is on another host of the same site, {@code Max-Age} = the token's lifetime (0 clears it).
 *
 * <pre>{@code
 * // JAX-RS
 * return mercure.authorizationCookie("https://example.com/books/1").applyTo(Response.ok(page)).build();
 * // Servlet
 * ServletCookies.add(response, mercure.authorizationCookie("*"));
 * // logout
 * return mercure.clearAuthorizationCookie().applyTo(Response.noContent()).build();
 * }</pre>
 *
 * @param name   the cookie name
 * @param value  the token; empty when clearing
 * @param path   the hub's path, e.g. {@code /.well-known/mercure}
 * @param domain the {@code Domain} attribute, or null for a host-only cookie
 * @param maxAge seconds until the browser drops the cookie; 0 deletes it
 * @param secure whether the cookie is sent over https only
 */
public record AuthorizationCookie(String name, String value, String path, String domain, long maxAge, boolean secure) {

    /** Always {@code Strict}: the hub is same-site with the application, and nothing else should send the token. */
    public static final String SAME_SITE = "Strict";

    /**
     * Checks the components: a cookie name, a cookie value (a JWT, or empty), no negative Max-Age. The
     * {@link Mercure} helpers make these; make one directly only for a test's expected value.
     *
     * <pre>{@code new AuthorizationCookie("mercureAuthorization", jwt, "/.well-known/mercure", null, 3600, true)}</pre>
     *
     * @param name   the cookie name
     * @param value  the token, or empty
     * @param path   the hub's path
     * @param domain the {@code Domain} attribute, or null
     * @param maxAge seconds, 0 or more
     * @param secure whether to send it over https only
     * @throws NullPointerException     when {@code name}, {@code value} or {@code path} is null
     * @throws IllegalArgumentException when {@code name} is no cookie name, {@code value} no cookie value
     *     (it would inject attributes or headers) or {@code maxAge} is negative
     */
    public AuthorizationCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("not a cookie name: '" + name + "'");
        }
        if (!isCookieValue(value)) {
            // a token is base64url and dots; anything else (';', CR/LF, spaces) would inject attributes or headers
            throw new IllegalArgumentException("not a cookie value (expected a JWT): '" + value + "'");
        }
        if (maxAge < 0) {
            throw new IllegalArgumentException("maxAge must be 0 or more: " + maxAge);
        }
    }

    /**
     * Whether this is the cookie of {@link Mercure#clearAuthorizationCookie()}:
     * {@code assertTrue(mercure.clearAuthorizationCookie().clearing())}.
     *
     * @return true when this cookie deletes the authorization cookie (Max-Age=0)
     */
    public boolean clearing() {
        return maxAge == 0;
    }

    /**
     * The exact header, for responses built with neither JAX-RS nor the Servlet API:
     * {@code exchange.getResponseHeaders().add("Set-Cookie", cookie.toSetCookieHeader())}.
     *
     * @return the {@code Set-Cookie} header value, e.g.
     *     {@code mercureAuthorization=eyJ...; Max-Age=3600; Path=/.well-known/mercure; Secure; HttpOnly; SameSite=Strict}
     */
    public String toSetCookieHeader() {
        StringBuilder b = new StringBuilder(name).append('=').append(value)
                .append("; Max-Age=").append(maxAge)
                .append("; Path=").append(path);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        if (secure) {
            b.append("; Secure");
        }
        return b.append("; HttpOnly; SameSite=").append(SAME_SITE).toString();
    }

    /**
     * The cookie as a JAX-RS {@link NewCookie}, for APIs that take one; prefer {@link #applyTo}, whose header
     * is the same on every server: {@code builder.cookie(cookie.toNewCookie())}.
     *
     * @return the cookie as a JAX-RS {@link NewCookie} (for APIs that take one)
     */
    public NewCookie toNewCookie() {
        return new NewCookie.Builder(name).value(value).path(path).domain(domain).maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
                .secure(secure).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).version(1).build();
    }

    /**
     * Adds this cookie to a JAX-RS response as a {@code Set-Cookie} header written by
     * {@link #toSetCookieHeader()}: servers serialise {@link NewCookie} differently (some add
     * {@code Version=1} or quote values, older ones drop {@code SameSite}), the header is exact everywhere.
     *
     * <pre>{@code return mercure.authorizationCookie("https://example.com/books/1").applyTo(Response.ok(page)).build();}</pre>
     *
     * @param builder the response being built
     * @return {@code builder}
     */
    public Response.ResponseBuilder applyTo(Response.ResponseBuilder builder) {
        return builder.header("Set-Cookie", toSetCookieHeader());
    }

    /**
     * The cookie without its token, safe to log:
     * {@code AuthorizationCookie[mercureAuthorization, path=/.well-known/mercure, domain=null, maxAge=3600, secure=true, token]}.
     *
     * @return the cookie's attributes, and whether it carries a token or is empty
     */
    @Override
    public String toString() {
        // never prints the token
        return "AuthorizationCookie[" + name + ", path=" + path + ", domain=" + domain + ", maxAge=" + maxAge
                + ", secure=" + secure + (value.isEmpty() ? ", empty" : ", token") + "]";
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 6265 cookie-octet. */
    private static boolean isCookieValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
