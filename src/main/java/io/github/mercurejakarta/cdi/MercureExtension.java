package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.config.ClassPresence;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.config.OperationsConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the {@code mercure.*} configuration and the application's {@link SubscriberPayload} beans when the
 * application deploys, so that a wrong value fails the deployment with a message naming the key (or the beans)
 * instead of failing at the first publish or token; then starts the embedded hub, when it is on, with the
 * application, and stops it before the application's beans are destroyed.
 */
public class MercureExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(MercureExtension.class.getName());

    /** Whether the configuration turns the embedded hub on: read once, in {@link #validateConfiguration}. */
    private boolean embeddedHub;
    /** The hub this extension started, to stop. */
    private EmbeddedHub started;
    /** Removes the hub's gauges from the application's MetricRegistry (registered when the hub starts). */
    private Runnable unregisterMetrics = () -> { };

    /** Called by {@link ApplicationMetricRegistry} once the hub's gauges are registered: removed at stop. */
    void metricsRegistered(Runnable unregister) {
        unregisterMetrics = unregister;
    }

    /** Adds {@link ApplicationMetricRegistry} when the optional MicroProfile Metrics API is present. */
    void addMetricsBinding(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        if (MicroProfileMetrics.apiPresent()) {
            bbd.addAnnotatedType(bm.createAnnotatedType(ApplicationMetricRegistry.class), ApplicationMetricRegistry.class.getName());
        }
    }

    /**
     * Adds {@link ApplicationTracing} when the optional OpenTelemetry API is present (MicroProfile Telemetry);
     * without it the embedded hub makes no spans and links nothing of the API.
     */
    void addTracingBinding(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        if (ClassPresence.loads("io.opentelemetry.api.OpenTelemetry", MercureExtension.class)) {
            bbd.addAnnotatedType(bm.createAnnotatedType(ApplicationTracing.class), ApplicationTracing.class.getName());
        }
    }

    void validateConfiguration(@Observes AfterDeploymentValidation adv) {
        try {
            Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
            MercureConfig mercure = MercureConfig.from(key -> config.getOptionalValue(key, String.class));
            OperationsConfig.of(mercure); // limits, lifetime, shutdown bound
            if (mercure.embeddedHub()) {
                Transport.check(mercure); // a transport URL nothing accepts, or a missing client library
                embeddedHub = true;
            }
            if (mercure.hubUrl().isPresent()) {
                HubPublisher.checkConfiguration(mercure); // an unusable publisher key fails here, not at the first publish
            }
        } catch (ConfigurationException e) {
            // the message names the key and the offending value's problem, never a secret's value
            LOG.log(Level.SEVERE, "MERCURE0004E invalid Mercure configuration: {0}", e.getMessage());
            adv.addDeploymentProblem(new ConfigurationException(e.key(),
                    "invalid Mercure configuration: " + e.getMessage().substring(e.key().length() + 2)));
        } catch (RuntimeException e) {
            adv.addDeploymentProblem(e);
        }
    }

    /**
     * Two {@link SubscriberPayload} beans leave nothing to choose: say so now, naming them, rather than at the
     * first subscriber token (an alternative with a priority wins, as at run time).
     */
    void checkSubscriberPayload(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        Set<Bean<?>> beans = bm.getBeans(SubscriberPayload.class);
        if (beans.size() > 1) {
            try {
                bm.resolve(beans);
            } catch (AmbiguousResolutionException e) {
                adv.addDeploymentProblem(new DeploymentException(SubscriberAccessProducer.ambiguousPayloads(
                        beans.stream().map(Bean::getBeanClass))));
            }
        }
    }

    /**
     * Starts the embedded hub with the application, not at its first use: a hub that cannot start (Redis
     * unreachable) then fails the start-up with {@code MERCURE0006E}, not the first request. The model is
     * Helidon's {@code SchedulingCdiExtension}.
     */
    void startEmbeddedHub(@Observes @Initialized(ApplicationScoped.class) Object context, BeanManager bm) {
        if (!embeddedHub || started != null) {
            return; // an external hub; or a second module of the same application
        }
        Instance<EmbeddedHub> hubs = bm.createInstance().select(EmbeddedHub.class);
        if (hubs.isResolvable()) {
            EmbeddedHub hub = hubs.get();
            hub.hub(); // the client proxy creates the bean: its @PostConstruct starts the hub, or throws
            started = hub;
        }
    }

    /** Ends the embedded hub's streams before the application's beans are destroyed, while they still work. */
    void stopEmbeddedHub(@Observes @BeforeDestroyed(ApplicationScoped.class) Object context) {
        if (started != null) {
            unregisterMetrics.run();
            unregisterMetrics = () -> { };
            started.stop();
            started = null;
        }
    }
}
