package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.client.SubscriptionsClient;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.subscriber.SubscriberAccess;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.List;
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

    private volatile Jsonb jsonb;
    private volatile SubscriptionsClient subscriptionsClient;
    private volatile HubPublisher external;

    @Override
    public String publish(Update update) {
        MercureConfig config = embedded.config();
        update = withTypeIsTopic(config, update);
        if (config.hubUrl().isPresent()) {
            return external(config).publish(update);
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
            return external(config).publishAsync(withTypeIsTopic(config, update));
        }
        try {
            return CompletableFuture.completedFuture(publish(update));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Update update(String topic, Object data) {
        String text = data == null || data instanceof String ? (String) data : jsonb().toJson(data);
        return Update.of(topic, text);
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
            return subscriptionsClient().list(topic).subscriptions();
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
            return subscriptionsClient().get(topic, subscriber);
        }
        return Mercure.super.getSubscription(topic, subscriber);
    }

    private SubscriptionsClient subscriptionsClient() {
        SubscriptionsClient c = subscriptionsClient;
        if (c == null) {
            synchronized (this) {
                if (subscriptionsClient == null) {
                    subscriptionsClient = SubscriptionsClient.from(embedded.config());
                }
                c = subscriptionsClient;
            }
        }
        return c;
    }

    private static Update withTypeIsTopic(MercureConfig config, Update update) {
        return config.typeIsTopic() && update.type() == null ? update.toBuilder().type(update.topic()).build() : update;
    }

    /** The external hub's publisher, created at first use (one HTTP client for the application). */
    private HubPublisher external(MercureConfig config) {
        HubPublisher p = external;
        if (p == null) {
            synchronized (this) {
                if (external == null) {
                    external = HubPublisher.create(config);
                }
                p = external;
            }
        }
        return p;
    }

    private Jsonb jsonb() {
        Jsonb j = jsonb;
        if (j == null) {
            synchronized (this) {
                if (jsonb == null) {
                    jsonb = JsonbBuilder.create();
                }
                j = jsonb;
            }
        }
        return j;
    }

    @PreDestroy
    void close() {
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception e) {
                // nothing to release then
            }
        }
    }
}
