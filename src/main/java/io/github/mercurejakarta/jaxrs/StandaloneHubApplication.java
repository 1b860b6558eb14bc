package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.hub.Hub;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The hub's JAX-RS resources and providers, wired without CDI: what the standalone hub starts with
 * Jakarta REST's {@code SeBootstrap}. The same classes serve the embedded hub.
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

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new HubResource(protocol, config.maxBodySize()), new SubscriptionsResource(protocol), new SseFrameWriter(),
                new ResponseHeaders(), new HubRequestBinding());
    }

    @Override
    public void close() {
        hub.close();
    }
}
