package io.github.mercurejakarta.messaging;

import io.github.mercurejakarta.config.ClassPresence;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.literal.InjectLiteral;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.enterprise.util.AnnotationLiteral;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the {@code mercure} connector as an application-scoped bean, only when the MicroProfile Reactive
 * Messaging API loads: {@link MercureConnector} carries no bean-defining annotation, so annotated
 * discovery never loads it (and its Reactive Messaging interfaces) in an application without the API,
 * which deploys unchanged (the dependency is {@code provided} + {@code optional}).
 *
 * <pre>{@code // META-INF/services/jakarta.enterprise.inject.spi.Extension lists this class}</pre>
 */
public class MessagingExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(MessagingExtension.class.getName());
    static final String CONNECTOR_SPI = "org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory";
    static final String STREAMS_API = "org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams";
    private static final PreDestroy PRE_DESTROY = new PreDestroyLiteral();

    /** {@code @PreDestroy}, added here rather than written on {@link MercureConnector} (see its field {@code mercure}). */
    private static final class PreDestroyLiteral extends AnnotationLiteral<PreDestroy> implements PreDestroy {
        private static final long serialVersionUID = 1L;
    }

    void addConnector(@Observes BeforeBeanDiscovery bbd) {
        ClassLoader[] loaders = {MessagingExtension.class.getClassLoader(), Thread.currentThread().getContextClassLoader()};
        if (!ClassPresence.loadsFromAny(CONNECTOR_SPI, loaders) || !ClassPresence.loadsFromAny(STREAMS_API, loaders)) {
            LOG.log(Level.FINE, "MicroProfile Reactive Messaging is absent: the mercure connector is not registered");
            return;
        }
        AnnotatedTypeConfigurator<MercureConnector> connector =
                bbd.addAnnotatedType(MercureConnector.class, MercureConnector.class.getName()).add(ApplicationScoped.Literal.INSTANCE);
        connector.filterFields(f -> f.getJavaMember().getName().equals("mercure"))
                .forEach(f -> f.add(InjectLiteral.INSTANCE));
        connector.filterMethods(m -> m.getJavaMember().getName().equals("closeSubscribers"))
                .forEach(m -> m.add(PRE_DESTROY));
    }
}
