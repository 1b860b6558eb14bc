package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.config.MercureConfig;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the {@code mercure.*} configuration when the application deploys, so that a wrong value fails
 * the deployment with a message naming the key instead of failing at the first publish.
 */
public class MercureExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(MercureExtension.class.getName());

    /** Adds {@link ApplicationMetricRegistry} when the optional MicroProfile Metrics API is present. */
    void addMetricsBinding(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        if (MicroProfileMetrics.apiPresent()) {
            bbd.addAnnotatedType(bm.createAnnotatedType(ApplicationMetricRegistry.class), ApplicationMetricRegistry.class.getName());
        }
    }

    void validateConfiguration(@Observes AfterDeploymentValidation adv) {
        try {
            Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
            MercureConfig mercure = MercureConfig.from(key -> config.getOptionalValue(key, String.class));
            io.github.mercurejakarta.config.OperationsConfig.of(mercure); // limits, lifetime, shutdown bound
            if (mercure.embeddedHub()) {
                Transport.check(mercure); // a transport URL nothing accepts, or a missing client library
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
}
