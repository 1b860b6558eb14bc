package io.github.mercurejakarta.client;

import io.github.mercurejakarta.MercureSubscriber;

import java.net.URI;

/**
 * What {@link MercureSubscriber#builder} finds with {@code ServiceLoader}
 * ({@code META-INF/services/io.github.mercurejakarta.MercureSubscriber$Provider}).
 *
 * <pre>{@code MercureSubscriber.Builder b = new SubscriberProvider().builder(hubUrl);}</pre>
 */
public final class SubscriberProvider implements MercureSubscriber.Provider {

    @Override
    public MercureSubscriber.Builder builder(URI hubUrl) {
        return new HubSubscriberBuilder(hubUrl);
    }
}
