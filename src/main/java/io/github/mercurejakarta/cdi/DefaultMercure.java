package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.client.SubscriptionsClient;
import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.github.mercurejakarta.subscriber.SubscriberAccess;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link Mercure} an application injects: publishes to the external hub named by
 * {@code mercure.hub.url} over HTTP ({@link HubPublisher}), else to the embedded hub in-process. Named
 * {@code mercure} for EL ({@code #{mercure.hubUrl('...')}}).
 */
@ApplicationScoped
@Named("mercure")
public class DefaultMercure implements Mercure {

    @Inject
    EmbeddedHub embedded;

    /** The subscriber helpers, bound to the current request (see {@link SubscriberAccessProducer}). */
    @Inject
    SubscriberAccess subscriberAccess;

    @Inject
    Instance<Object> beans;

    private final ApplicationJsonb json = new ApplicationJsonb(() -> beans);
    private final Lazy<SubscriptionsClient> subscriptionsClient = Lazy.of(() -> SubscriptionsClient.from(embedded.config()));
    /**
     * The external hub's publisher, created at first use (one HTTP client for the application); its requests carry
     * the caller's trace context when MicroProfile Telemetry traces the application.
     */
    private final Lazy<HubPublisher> external = Lazy.of(() -> HubPublisher.create(embedded.config(), embedded.tracing()));

    @Override
    public String publish(Update update) {
        MercureConfig config = embedded.config();
        update = withTypeIsTopic(config, update);
        if (config.hubUrl().isPresent()) {
            return external.get().publish(update);
        }
        Hub hub = embedded.hub().orElseThrow(() -> new ConfigurationException(MercureConfig.Key.HUB.key(),
                "no hub to publish to: the embedded hub is off (mercure.hub=false) and mercure.hub.url is not set", null));
        return hub.publish(update);
    }

    @Override
    public CompletionStage<String> publishAsync(Update update) {
        MercureConfig config = embedded.config();
        if (config.hubUrl().isPresent()) {
            // the HTTP client completes the stage: no thread waits for the hub
            return external.get().publishAsync(withTypeIsTopic(config, update));
        }
        try {
            return CompletableFuture.completedFuture(publish(update));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Update update(String topic, Object data) {
        return Update.of(topic, json.text(data));
    }

    @Override
    public String hubUrl(Collection<String> topics) {
        return subscriberAccess.hubUrl(topics);
    }

    @Override
    public String subscriberToken(Collection<String> topics, Map<String, ?> payload) {
        return subscriberAccess.subscriberToken(topics, payload);
    }

    @Override
    public String authenticatedHubUrl(Collection<String> topics) {
        return subscriberAccess.authenticatedHubUrl(topics, null);
    }

    @Override
    public AuthorizationCookie authorizationCookie(Collection<String> topics, Map<String, ?> payload) {
        return subscriberAccess.authorizationCookie(topics, payload);
    }

    @Override
    public AuthorizationCookie authorizationCookieWithToken(String token) {
        return subscriberAccess.authorizationCookie(token);
    }

    @Override
    public AuthorizationCookie clearAuthorizationCookie() {
        return subscriberAccess.clearAuthorizationCookie();
    }

    @Override
    public List<ActiveSubscription> getSubscriptions(String topic) {
        Optional<Hub> hub = embedded.hub();
        if (hub.isEmpty()) {
            return subscriptionsClient.get().list(topic).subscriptions();
        }
        List<ActiveSubscription> out = new ArrayList<>();
        for (ActiveSubscription s : hub.get().subscriptions().subscriptions()) {
            if (topic == null || topic.isEmpty() || topic.equals(s.match())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public Optional<ActiveSubscription> getSubscription(String topic, String subscriber) {
        if (embedded.hub().isEmpty() && topic != null && subscriber != null) {
            return subscriptionsClient.get().get(topic, subscriber);
        }
        return Mercure.super.getSubscription(topic, subscriber);
    }

    private static Update withTypeIsTopic(MercureConfig config, Update update) {
        return config.typeIsTopic() && update.type() == null ? update.toBuilder().type(update.topic()).build() : update;
    }

    @PreDestroy
    void close() {
        json.close();
    }
}
