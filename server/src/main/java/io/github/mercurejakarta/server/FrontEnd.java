package io.github.mercurejakarta.server;

import java.time.Duration;

/**
 * The standalone hub's HTTP server, whichever stack serves it: {@link NettyFrontEnd} (the default) or
 * {@link HttpFrontEnd} (Jakarta REST on RESTEasy reactor-netty). Both serve the same routes with the same
 * probe-level behaviour; the protocol itself lives in the library's {@code http} package.
 */
interface FrontEnd extends AutoCloseable {

    /** {@code mercure.hub.front.end}: which front end {@code mercure hub} starts (this server only). */
    String KEY = "mercure.hub.front.end";
    String NETTY = "netty";
    String JAXRS = "jaxrs";

    /** @return the port actually bound (differs from the requested one for port 0). */
    int port();

    /** @return how the front end does its network I/O, for the start banner: {@code "epoll"} or {@code "nio"}. */
    String io();

    /** Stops accepting and closes connections, waiting at most {@code bound}. */
    void stop(Duration bound);

    @Override
    default void close() {
        stop(Duration.ofSeconds(3));
    }
}
