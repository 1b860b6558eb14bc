/**
 * The transport SPI ({@link io.github.mercurejakarta.hub.transport.Transport}: the total order of updates,
 * their history and the active subscriptions, one node or several) with its types, the choice of a
 * transport from configuration, and {@code LocalTransport} for one node. The hub core uses it; it never
 * uses the hub ({@code hub.transport.redis} and other transports implement it, found with
 * {@code ServiceLoader}). Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.hub.transport;
