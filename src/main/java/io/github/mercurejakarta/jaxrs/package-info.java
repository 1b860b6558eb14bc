/**
 * The embedded hub's JAX-RS front end: {@code EmbeddedHub} (the configuration, the {@code Hub} and its
 * {@code HubProtocol}), the hub and subscriptions resources over {@code http}, SSE framing for the runtimes'
 * sinks, the debugging page, and the filters that give the application's own resources their hub URLs
 * ({@code RequestUrlCapture}, {@code @MercureDiscovery} links). Uses {@code http}, {@code hub},
 * {@code subscriber} and the layers below; used by {@code health} and {@code cdi}.
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.jaxrs;
