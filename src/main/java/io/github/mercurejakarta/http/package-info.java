/**
 * What an HTTP request to the hub means, in plain Java: {@link io.github.mercurejakarta.http.HubProtocol} is
 * every front end's one entry (subscribe, publish, subscriptions API, CORS preflight, tokens to grants,
 * errors to status, headers and body), so no front end re-implements the protocol. Uses the layers below
 * it up to {@code hub}; used by {@code jaxrs} and the standalone server's front ends.
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.http;
