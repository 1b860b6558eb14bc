package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.SubscriberPayload;
import jakarta.enterprise.context.RequestScoped;

import java.util.Collection;
import java.util.Map;

/** The test application's payload hook: every subscriber token it mints names the app and the topic count. */
@RequestScoped
public class AppUserPayload implements SubscriberPayload {

    @Override
    public Map<String, Object> payload(Collection<String> topics) {
        return Map.of("app", "helpers-it", "topics", topics.size());
    }
}
