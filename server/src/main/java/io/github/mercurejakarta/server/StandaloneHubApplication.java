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
        return Set.of(new HubResource(protocol, config.maxBodySize()), new SubscriptionsResource(protocol),
                new DebugPageResource(config.ui()), new SseFrameWriter(),
                new ResponseHeaders(), new HubRequestBinding());
    }

    @Override
    public void close() {
        hub.close();
    }
}
