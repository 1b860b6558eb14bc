/**
 * The standalone hub's default front end on Netty: HTTP/1.1 routing onto the library's {@code HubProtocol},
 * and SSE streams written by one writer per event loop from shared, pre-framed buffers
 * ({@code SseChannelSink}, {@code SseWriter}). Uses the shared server package and the library; only the
 * command line ({@code cli}) uses it, and it never uses the JAX-RS front end.
 * Internal to the server: not an API.
 */
package io.github.mercurejakarta.server.netty;
