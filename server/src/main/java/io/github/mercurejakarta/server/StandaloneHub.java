package io.github.mercurejakarta.server;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.hub.Hub;

/**
 * What both front ends serve: the standalone hub's configuration, its {@link Hub} and the front-end-neutral
 * {@link HubProtocol} over it. {@code mercure hub} makes one and hands it to the front end it starts
 * ({@code server.netty} or {@code server.jaxrs}); closing it ends the hub's streams.
 */
public final class StandaloneHub implements AutoCloseable {

    private final MercureConfig config;
    private final Hub hub;
    private final HubProtocol protocol;

    public StandaloneHub(MercureConfig config) {
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
    public void close() {
        hub.close();
    }
}
