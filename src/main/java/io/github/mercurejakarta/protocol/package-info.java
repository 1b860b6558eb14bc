/**
 * The Mercure wire format, written once for the hub, the external-hub client and the helpers: what differs
 * between draft-07 and draft-08 ({@link io.github.mercurejakarta.protocol.Dialect}), the rules of field
 * values, SSE framing, subscription topics and documents, JSON and percent-encoding. Uses the API,
 * {@code config} and {@code match}; used by {@code auth} and every layer above.
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.protocol;
