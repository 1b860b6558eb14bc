package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.config.OperationsConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * What the hub core runs with: the part of the configuration it reads, read and checked once, so that a
 * {@link Hub} can be built without a whole {@link MercureConfig}.
 *
 * <pre>{@code
 * HubSettings settings = HubSettings.of(MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "30")));
 * Hub hub = new Hub(settings, new LocalTransport(500));
 * }</pre>
 *
 * @param queueSize       frames a stream may have waiting before it is closed
 *                        ({@code mercure.hub.subscriber.queue.size})
 * @param maxTopics       most topics in one update ({@code mercure.hub.max.topics})
 * @param keepAlive       interval of keep-alive comments on idle streams, {@link Duration#ZERO} for none
 *                        ({@code mercure.hub.keepalive.interval})
 * @param dispatchTimeout how long one write may take before its stream is closed, {@link Duration#ZERO} for
 *                        no bound ({@code mercure.hub.dispatch.timeout})
 * @param subscriptions   whether the hub announces active subscriptions and serves the subscriptions API
 *                        ({@code mercure.hub.subscriptions})
 * @param operations      connection limits, stream lifetime, shutdown bound, and what the HTTP layer reads
 *                        from the hub (trusted proxies, selector length)
 */
public record HubSettings(int queueSize, int maxTopics, Duration keepAlive, Duration dispatchTimeout,
                          boolean subscriptions, OperationsConfig operations) {

    public HubSettings {
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(dispatchTimeout, "dispatchTimeout");
        Objects.requireNonNull(operations, "operations");
    }

    /**
     * @throws io.github.mercurejakarta.exceptions.ConfigurationException naming the key of a value that is
     *         not valid
     */
    public static HubSettings of(MercureConfig config) {
        return new HubSettings(config.subscriberQueueSize(), config.maxTopics(), config.keepAliveInterval(),
                config.dispatchTimeout(), config.subscriptions(), OperationsConfig.of(config));
    }
}
