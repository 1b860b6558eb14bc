package io.github.mercurejakarta.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The standalone hub's HTTP server, whichever stack serves it: {@code server.netty.NettyFrontEnd} (the default)
 * or {@code server.jaxrs.HttpFrontEnd} (Jakarta REST on RESTEasy reactor-netty). Both serve the same routes with
 * the same probe-level behaviour; the protocol itself lives in the library's {@code http} package.
 */
public interface FrontEnd extends AutoCloseable {

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

    /**
     * @return the one line to report when {@code host:port} could not be bound ({@code cause}: what the server
     * said, whichever transport: a {@code BindException}, reactor-netty's {@code ChannelBindException} without the
     * reason, Netty epoll's {@code NativeIoException}); binding the address ourselves tells whether it is taken
     */
    static UserError bindFailure(Throwable cause, String host, int port) {
        String reason = bindProblem(host, port).orElse(String.valueOf(cause.getMessage()));
        if (reason.toLowerCase(Locale.ROOT).contains("in use")) {
            return new UserError(UserError.CANNOT_START, "cannot listen on " + host + ":" + port
                    + ": the port is already in use (choose another with --port)");
        }
        return new UserError(UserError.CANNOT_START, "cannot listen on " + host + ":" + port + ": " + reason);
    }

    /** @return why {@code host:port} cannot be bound (e.g. "Address already in use"), if it cannot. */
    private static Optional<String> bindProblem(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
