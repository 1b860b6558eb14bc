package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.MercureTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Event types whose @MercureTopic cannot work: each must fail the deployment, naming its class. */
public final class BrokenTopicEvents {

    private BrokenTopicEvents() {
    }

    @MercureTopic("books/{isbn}")
    public record NoSuchProperty(long id) {
    }

    @MercureTopic("books/{id}")
    record NotPublic(long id) {
    }

    @MercureTopic("${no.such.key}/books")
    public record MissingConfigKey(long id) {
    }

    public record Plain(long id) {
    }

    @ApplicationScoped
    public static class FiresNoSuchProperty {
        @Inject
        Event<NoSuchProperty> events;
    }

    @ApplicationScoped
    public static class FiresNotPublic {
        @Inject
        Event<NotPublic> events;
    }

    @ApplicationScoped
    public static class FiresMissingConfigKey {
        @Inject
        Event<MissingConfigKey> events;
    }

    @ApplicationScoped
    public static class QualifierNamesAMissingProperty {
        @Inject
        @MercureTopic("plain/{title}")
        Event<Plain> events;
    }
}
