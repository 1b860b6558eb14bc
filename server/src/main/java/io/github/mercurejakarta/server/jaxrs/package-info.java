/**
 * The standalone hub's JAX-RS front end ({@code --front-end jaxrs}): the library's JAX-RS resources plus
 * the server's health and metrics resources, served through {@code SeBootstrap} on RESTEasy reactor-netty.
 * Uses the shared server package and the library; only the command line ({@code cli}) uses it, and it never
 * uses the Netty front end. Internal to the server: not an API.
 */
package io.github.mercurejakarta.server.jaxrs;
