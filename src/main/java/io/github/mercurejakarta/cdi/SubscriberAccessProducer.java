package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.jaxrs.CurrentRequest;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.github.mercurejakarta.protocol.HubDialect;
import io.github.mercurejakarta.subscriber.RequestUrls;
import io.github.mercurejakarta.subscriber.SubscriberAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Wires {@link SubscriberAccess} into CDI: the application's configuration and {@link HubDialect}, the
 * current request from {@link CurrentRequest}, and the application's {@link SubscriberPayload} bean if it
 * has one (looked up at each token, so a request-scoped or dependent hook sees the current user).
 */
@ApplicationScoped
public class SubscriberAccessProducer {

    @Inject
    EmbeddedHub embedded;

    @Inject
    HubDialect dialect;

    @Inject
    CurrentRequest current;

    @Inject
    Instance<SubscriberPayload> payloads;

    private final TokenFactory tokens = new TokenFactory();

    @Produces
    @Dependent
    SubscriberAccess subscriberAccess() {
        return new SubscriberAccess(embedded.config(), dialect, this::currentRequest, this::payload, tokens);
    }

    private Optional<RequestUrls> currentRequest() {
        try {
            return current.urls();
        } catch (ContextNotActiveException e) {
            return Optional.empty();
        }
    }

    /** The message for more than one {@link SubscriberPayload} bean, naming their classes. */
    static String ambiguousPayloads(Stream<Class<?>> beanClasses) {
        return "more than one SubscriberPayload bean; keep one: "
                + beanClasses.map(Class::getName).sorted().collect(Collectors.joining(", "));
    }

    private Map<String, Object> payload(Collection<String> topics) {
        if (payloads.isUnsatisfied()) {
            return null;
        }
        if (payloads.isAmbiguous()) {
            // MercureExtension reports this at deployment; here for deployments without it (discovery off)
            throw new IllegalStateException(ambiguousPayloads(payloads.handlesStream().map(h -> h.getBean().getBeanClass())));
        }
        // a handle, so that a @Dependent hook is destroyed after use instead of piling up in this bean
        try (Instance.Handle<SubscriberPayload> handle = payloads.getHandle()) {
            return handle.get().payload(topics);
        }
    }
}
