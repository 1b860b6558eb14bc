package io.github.mercurejakarta.server.jaxrs;

import io.github.mercurejakarta.server.FrontEnd;
import io.github.mercurejakarta.server.StandaloneHub;
import io.github.mercurejakarta.server.UserError;
import jakarta.ws.rs.SeBootstrap;
import org.jboss.resteasy.core.se.ConfigurationOption;
import org.jboss.resteasy.plugins.server.reactor.netty.ReactorNettyJaxrsServer;

import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's JAX-RS front end ({@code --front-end jaxrs}): the hub's {@link StandaloneHubApplication}
 * served by Jakarta REST's {@link SeBootstrap} on RESTEasy reactor-netty.
 *
 * <p>Why the server instance is passed explicitly: RESTEasy's {@code SeBootstrap} finds its
 * {@code EmbeddedServer} through a service file, and resteasy-reactor-netty 6.2.11 ships none, so
 * without the {@code org.jboss.resteasy.se.embedded.server.instance} property {@code SeBootstrap.start}
 * fails ("no implementation found"), or silently picks whichever other embedded server is on the class
 * path. Naming the instance makes reactor-netty the implementation actually used.
 */
public final class HttpFrontEnd implements FrontEnd {

    private static final Logger LOG = Logger.getLogger(HttpFrontEnd.class.getName());

    private final SeBootstrap.Instance instance;
    private final int port;

    private HttpFrontEnd(SeBootstrap.Instance instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    /**
     * Binds {@code host:port} and serves {@code hub} (its {@link StandaloneHubApplication}) at the root path.
     *
     * @throws UserError when the address is taken or cannot be bound
     */
    public static HttpFrontEnd start(StandaloneHub hub, String host, int port, Duration timeout) {
        ReactorNettyJaxrsServer server = new ReactorNettyJaxrsServer();
        SeBootstrap.Configuration configuration = SeBootstrap.Configuration.builder()
                .protocol("HTTP")
                .host(host)
                .port(port)
                .rootPath("/")
                .property(ConfigurationOption.EMBEDDED_SERVER.key(), server)
                .build();
        SeBootstrap.Instance instance;
        try {
            instance = SeBootstrap.start(new StandaloneHubApplication(hub), configuration).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw startFailure(e.getCause(), host, port);
        } catch (TimeoutException e) {
            throw new UserError(UserError.CANNOT_START, "the HTTP server did not start within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.CANNOT_START, "interrupted while starting");
        }
        ReactorNettyJaxrsServer used = instance.unwrap(ReactorNettyJaxrsServer.class);
        if (used == null) {
            // Should not happen given the explicit property; say so rather than serve on an unknown stack.
            LOG.warning("SeBootstrap did not use RESTEasy reactor-netty but " + instance);
        }
        return new HttpFrontEnd(instance, used != null && used.getPort() > 0 ? used.getPort() : port);
    }

    @Override
    public int port() {
        return port;
    }

    /** reactor-netty runs on a native transport (epoll here) when one loads, unless {@code -Dreactor.netty.native=false}. */
    @Override
    public String io() {
        return reactor.netty.resources.LoopResources.DEFAULT_NATIVE && io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio";
    }

    /**
     * Stops accepting and closes connections, waiting at most {@code bound}.
     *
     * <p>Why not {@code SeBootstrap.Instance.stop()}: RESTEasy runs it on its global executor, which
     * registers a JVM shutdown hook the first time it is used; from our own shutdown hook that throws
     * {@code IllegalStateException: Shutdown in progress} and nothing is stopped. The reactor-netty
     * server's own {@code stop()} (what the instance would call) has no such problem.
     */
    @Override
    public void stop(Duration bound) {
        ReactorNettyJaxrsServer server = instance.unwrap(ReactorNettyJaxrsServer.class);
        Runnable stop = server != null ? server::stop : () -> instance.stop().toCompletableFuture().join();
        Thread stopper = new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping the HTTP server failed", e);
            }
        }, "mercure-http-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            System.err.println("The HTTP server did not stop within " + bound.toMillis() + " ms; exiting anyway");
        }
    }

    /** @return what to report for a failure to start: a {@link UserError} naming the address when it cannot be bound */
    static RuntimeException startFailure(Throwable cause, String host, int port) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            // reactor-netty reports a bind failure as reactor.netty.ChannelBindException ("Failed to bind
            // on [host:port]"), without the reason
            if (t instanceof BindException || t.getClass().getName().endsWith("ChannelBindException")) {
                return FrontEnd.bindFailure(t, host, port);
            }
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("the HTTP server failed to start", cause);
    }
}
