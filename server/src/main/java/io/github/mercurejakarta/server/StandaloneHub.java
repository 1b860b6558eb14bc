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
    private final StandaloneTracing tracing;

    /** A hub that makes no spans. */
    public StandaloneHub(MercureConfig config) {
        this(config, StandaloneTracing.off());
    }

    /** @param tracing where the hub's spans go; closed with the hub, after its streams ended */
    public StandaloneHub(MercureConfig config, StandaloneTracing tracing) {
        this.config = config;
        this.tracing = tracing;
        this.hub = Hub.create(config, tracing.tracing());
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
        tracing.close();
    }
}
