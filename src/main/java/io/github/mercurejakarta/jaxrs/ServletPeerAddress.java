package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.config.ClassPresence;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The peer address of the current request in a Servlet container, for the per-address connection limit
 * of the embedded hub. JAX-RS itself has no remote address; CDI has the current
 * {@code HttpServletRequest} as a built-in bean wherever Servlet is present (Open Liberty, WildFly, Payara).
 *
 * <p>The Servlet API is optional: {@link #supplier()} checks for it by name, and only then loads
 * {@link Lookup}, the one class here that links it; without it the library still deploys and no
 * per-address limit applies (the total limit does).
 */
final class ServletPeerAddress {

    private static final Logger LOG = Logger.getLogger(ServletPeerAddress.class.getName());

    /** The supplier without the Servlet API: no address, so no per-address limit. */
    static final Supplier<String> NONE = () -> null;

    private ServletPeerAddress() {
    }

    /** @return the current request's peer address, or a supplier of null without the Servlet API */
    static Supplier<String> supplier() {
        if (!ClassPresence.loads("jakarta.servlet.http.HttpServletRequest", ServletPeerAddress.class)) {
            LOG.fine("no Servlet API: the embedded hub cannot tell client addresses apart (no per-address limit)");
            return NONE;
        }
        return Lookup::current;
    }

    /** Links the Servlet API: loaded only once {@link #supplier()} found it. */
    static final class Lookup {
        private Lookup() {
        }

        static String current() {
            return jakarta.enterprise.inject.spi.CDI.current().select(jakarta.servlet.http.HttpServletRequest.class)
                    .get().getRemoteAddr();
        }
    }
}
