package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.hub.Hub;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The application's configuration and, when it is on, its embedded hub: created at first use and
 * closed with the application (every open stream ends then).
 */
@ApplicationScoped
public class EmbeddedHub {

    private static final Logger LOG = Logger.getLogger(EmbeddedHub.class.getName());

    @Inject
    Config mpConfig;

    private MercureConfig config;
    private Hub hub;
    private HubProtocol protocol;
    private Runnable unregisterMetrics = () -> { };

    @PostConstruct
    void start() {
        config = MercureConfig.from(key -> mpConfig.getOptionalValue(key, String.class));
        if (config.embeddedHub()) {
            hub = Hub.create(config);
            protocol = new HubProtocol(config, hub);
            unregisterMetrics = MicroProfileMetrics.register(hub);
            LOG.info("MERCURE0001I embedded Mercure hub started (HTTP publish "
                    + (config.allowPublish() ? "on" : "off") + ", anonymous subscribers "
                    + (config.allowAnonymous() ? "allowed" : "refused") + ")");
        }
    }

    @PreDestroy
    void stop() {
        if (hub != null) {
            unregisterMetrics.run();
            hub.close();
        }
    }

    public MercureConfig config() {
        return config;
    }

    /** @return the embedded hub, when it is on */
    public Optional<Hub> hub() {
        return Optional.ofNullable(hub);
    }

    /** @return the HTTP protocol layer of the embedded hub, when it is on */
    public Optional<HubProtocol> protocol() {
        return Optional.ofNullable(protocol);
    }
}
