package io.github.mercurejakarta.server;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.jaxrs.DebugPageResource;
import io.github.mercurejakarta.jaxrs.HubRequestBinding;
import io.github.mercurejakarta.jaxrs.HubResource;
import io.github.mercurejakarta.jaxrs.ResponseHeaders;
import io.github.mercurejakarta.jaxrs.SseFrameWriter;
import io.github.mercurejakarta.jaxrs.SubscriptionsResource;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The hub's JAX-RS resources and providers, wired without CDI: what the standalone hub starts with
 * Jakarta REST's {@code SeBootstrap}. The same classes serve the embedded hub.
 *
 * <p>It lives here, not in the library: application servers scan the library jar for
 * {@code Application} subclasses, and Open Liberty warns about one that has no {@code @ApplicationPath}.
 */
public class StandaloneHubApplication extends Application implements AutoCloseable {

    private final MercureConfig config;
    private final Hub hub;
    private final HubProtocol protocol;

    public StandaloneHubApplication(MercureConfig config) {
        this.config = config;
        this.hub = Hub.create(config);
        this.protocol = new HubProtocol(config, hub);
    }

    public Hub hub() {
        return hub;
    }

    public MercureConfig config() {
        return config;
    }

    /** @return the front-end-neutral protocol layer both front ends (JAX-RS, Netty) serve */
    public HubProtocol protocol() {
        return protocol;
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new HubResource(protocol, config.maxBodySize(), StandaloneHubApplication::peerAddress),
                new SubscriptionsResource(protocol), new MetricsResource(hub.metrics()),
                new DebugPageResource(config.ui()), new HealthResource(hub), new SseFrameWriter(),
                new ResponseHeaders(), new HubRequestBinding());
    }

    /**
     * The connection's peer as RESTEasy (reactor-netty) knows it, for the per-address connection limit;
     * called on the request thread, where RESTEasy's context holds the current request.
     */
    static String peerAddress() {
        org.jboss.resteasy.spi.HttpRequest request =
                org.jboss.resteasy.core.ResteasyContext.getContextData(org.jboss.resteasy.spi.HttpRequest.class);
        return request == null ? null : request.getRemoteAddress();
    }

    @Override
    public void close() {
        hub.close();
    }
}
