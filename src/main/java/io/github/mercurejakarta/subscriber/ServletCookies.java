package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.AuthorizationCookie;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sets the authorization cookie on a Servlet response. Kept apart from every class the library loads on
 * its own: the Servlet API is optional (a Core Profile application has none), and only applications that
 * call this class load it.
 *
 * <pre>{@code
 * protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
 *     ServletCookies.add(resp, mercure.authorizationCookie("https://example.com/books/1"));
 *     ...
 * }
 * // on logout
 * ServletCookies.add(resp, mercure.clearAuthorizationCookie());
 * }</pre>
 */
public final class ServletCookies {

    private ServletCookies() {
    }

    /**
     * Adds {@code cookie} as a {@code Set-Cookie} header (exactly {@link AuthorizationCookie#toSetCookieHeader()};
     * {@code jakarta.servlet.http.Cookie} has no {@code SameSite} before Servlet 6).
     *
     * <pre>{@code ServletCookies.add(resp, mercure.authorizationCookie("https://example.com/books/1"));}</pre>
     *
     * @param response the Servlet response, before it is committed
     * @param cookie   the cookie, from {@code mercure.authorizationCookie(...)} or {@code clearAuthorizationCookie()}
     */
    public static void add(HttpServletResponse response, AuthorizationCookie cookie) {
        response.addHeader("Set-Cookie", cookie.toSetCookieHeader());
    }
}
