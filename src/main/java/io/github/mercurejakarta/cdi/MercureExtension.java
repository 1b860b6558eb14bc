package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.config.ConfigurationException;
import io.github.mercurejakarta.config.MercureConfig;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the {@code mercure.*} configuration when the application deploys, so that a wrong value fails
 * the deployment with a message naming the key instead of failing at the first publish.
 */
public class MercureExtension implements Extension {

    void validateConfiguration(@Observes AfterDeploymentValidation adv) {
        try {
            Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
            MercureConfig mercure = MercureConfig.from(key -> config.getOptionalValue(key, String.class));
            if (mercure.hubUrl().isPresent()) {
                HubPublisher.checkConfiguration(mercure); // an unusable publisher key fails here, not at the first publish
            }
        } catch (ConfigurationException e) {
            adv.addDeploymentProblem(new ConfigurationException(e.key(),
                    "invalid Mercure configuration: " + e.getMessage().substring(e.key().length() + 2)));
        } catch (RuntimeException e) {
            adv.addDeploymentProblem(e);
        }
    }
}
