package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.config.ClassPresence;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportFactory;
import io.github.mercurejakarta.hub.transport.TransportSettings;

import java.util.List;
import java.util.Optional;

/**
 * {@code redis://}, {@code rediss://} and {@code redis-sentinel://} transports. Lettuce is an optional dependency of the library:
 * this class names none of its types, so it loads (and says what is missing) without it.
 */
public final class RedisTransportFactory implements TransportFactory {

    @Override
    public List<String> schemes() {
        return List.of("redis", "rediss", "redis-sentinel");
    }

    @Override
    public Optional<String> missingDependency() {
        return ClassPresence.loads("io.lettuce.core.RedisClient", RedisTransportFactory.class)
                ? Optional.empty()
                : Optional.of("the Redis client io.lettuce:lettuce-core (7.x)");
    }

    @Override
    public Transport create(String url, TransportSettings settings) {
        return RedisTransport.connect(url, settings.reconciliationLength());
    }
}
