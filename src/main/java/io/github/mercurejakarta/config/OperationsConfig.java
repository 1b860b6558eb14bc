package io.github.mercurejakarta.config;

import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.Optional;

/**
 * The operational settings of the hub (connection limits, stream lifetime, shutdown bound), read from a
 * {@link MercureConfig} and checked: a wrong value fails with a {@link ConfigurationException} naming
 * the key.
 *
 * <pre>{@code
 * OperationsConfig ops = OperationsConfig.of(MercureConfig.of(Map.of("mercure.hub.max.connections", "500")));
 * ops.maxConnections();   // 500
 * }</pre>
 */
public record OperationsConfig(int maxConnections, int maxConnectionsPerAddress, int maxSelectorLength,
                               TrustedProxies trustedProxies, Duration connectionLifetime, Duration lifetimeJitter,
                               Duration shutdownTimeout) {

    /** @throws ConfigurationException naming the key of a value that is not valid */
    public static OperationsConfig of(MercureConfig config) {
        int maxConnections = (int) config.wholeNumber(Key.HUB_MAX_CONNECTIONS, 0, 10_000_000);
        int perAddress = (int) config.wholeNumber(Key.HUB_MAX_CONNECTIONS_PER_ADDRESS, 0, 10_000_000);
        int selectorLength = (int) config.wholeNumber(Key.HUB_MAX_SELECTOR_LENGTH, 16, 1_000_000);
        TrustedProxies proxies = TrustedProxies.parse(config.value(Key.HUB_TRUSTED_PROXIES).orElse(""));
        Duration lifetime = Duration.ofSeconds(config.wholeNumber(Key.HUB_CONNECTION_LIFETIME, 0, 365L * 86_400));
        Optional<String> jitterText = config.value(Key.HUB_CONNECTION_LIFETIME_JITTER);
        Duration jitter = jitterText.isPresent()
                ? Duration.ofSeconds(config.wholeNumber(Key.HUB_CONNECTION_LIFETIME_JITTER, 0, 365L * 86_400))
                : lifetime.dividedBy(10);
        if (!lifetime.isZero() && jitter.compareTo(lifetime) >= 0) {
            throw new ConfigurationException(Key.HUB_CONNECTION_LIFETIME_JITTER.key(), "the jitter (" + jitter.toSeconds()
                    + " s) must be shorter than mercure.hub.connection.lifetime (" + lifetime.toSeconds() + " s)");
        }
        Duration shutdown = Duration.ofSeconds(config.wholeNumber(Key.HUB_SHUTDOWN_TIMEOUT, 0, 3_600));
        return new OperationsConfig(maxConnections, perAddress, selectorLength, proxies, lifetime, jitter, shutdown);
    }
}
