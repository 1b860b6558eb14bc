/**
 * The hub core, with no HTTP and no CDI in it, so that any front end can serve it:
 * {@link io.github.mercurejakarta.hub.Hub} (publish, subscribe, fan-out), subscribers and their bounded
 * delivery, the subscriber index, connection limits, active-subscription announcements, stream maintenance
 * and metrics. Uses the API, {@code config}, {@code match}, {@code protocol}, {@code auth} and the transport
 * SPI ({@code hub.transport}); used by {@code http}, the front ends ({@code jaxrs}, the standalone server),
 * {@code health} and {@code cdi}. Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.hub;
