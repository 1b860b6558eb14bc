/**
 * The Redis transport, for a hub on several nodes: a Redis stream read by every node, Lua scripts for
 * publishing and for the active subscriptions of the cluster; loaded through its {@code TransportFactory}
 * for {@code redis://} URLs. It implements the {@code hub.transport} SPI and is the only package that names
 * Lettuce (an optional dependency). Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.hub.transport.redis;
