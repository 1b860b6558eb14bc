/**
 * The MicroProfile Reactive Messaging 3.0 connector named {@code mercure} ({@link
 * io.github.mercurejakarta.messaging.MercureConnector}): incoming channels subscribe to a hub through the
 * public {@code MercureSubscriber}, outgoing channels publish each message as an update. Loaded only when
 * the application has the Reactive Messaging API ({@link io.github.mercurejakarta.messaging.MessagingExtension}).
 *
 * <pre>{@code
 * mp.messaging.incoming.rooms.connector=mercure
 * mp.messaging.incoming.rooms.hub-url=https://example.com/.well-known/mercure
 * mp.messaging.incoming.rooms.topics=https://example.com/rooms/{room}
 * }</pre>
 */
package io.github.mercurejakarta.messaging;
