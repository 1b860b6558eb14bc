/**
 * Talking to an external Mercure hub over HTTP. {@link io.github.mercurejakarta.client.HubPublisher}
 * publishes (what {@code @Inject Mercure} uses when {@code mercure.hub.url} names a hub):
 *
 * <pre>{@code
 * HubPublisher hub = HubPublisher.create(MercureConfig.of(Map.of(
 *         "mercure.hub.url", "https://hub.example.com/.well-known/mercure",
 *         "mercure.publisher.secret.key", secret)));
 * String id = hub.publish(Update.of("https://example.com/books/1", "{}"));
 * }</pre>
 */
package io.github.mercurejakarta.client;
