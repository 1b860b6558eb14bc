/**
 * The {@code mercure} command line ({@code java -jar mercure.jar}): {@code hub} (starts the chosen front end),
 * {@code publish}, {@code subscribe}, {@code publisher-jwt}, {@code subscriber-jwt}, {@code gen-secret-key},
 * their options and settings, the start banner and the log filter for clients that go away. The top of the
 * server: it may use the {@code netty} and {@code jaxrs} front ends and the shared server package; nothing
 * uses it. Internal to the server: not an API.
 */
package io.github.mercurejakarta.server.cli;
