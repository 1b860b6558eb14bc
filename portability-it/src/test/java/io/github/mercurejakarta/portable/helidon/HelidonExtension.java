package io.github.mercurejakarta.portable.helidon;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link HelidonContainer}, in the failsafe execution of Helidon only: Arquillian refuses two deployable
 * containers on one classpath, and this one lives in the tests' own classes, which every execution shares.
 */
public class HelidonExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("helidon".equals(System.getProperty("arquillian.launch"))) {
            builder.service(DeployableContainer.class, HelidonContainer.class);
        }
    }
}
