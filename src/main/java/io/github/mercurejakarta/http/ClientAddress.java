package io.github.mercurejakarta.http;

import io.github.mercurejakarta.config.TrustedProxies;

/**
 * The client address a request counts against for {@code mercure.hub.max.connections.per.address}.
 *
 * <p>Why {@code X-Forwarded-For} is not simply believed: any client can send one, so trusting it would
 * let one client open unlimited streams under made-up addresses (or exhaust another's quota). It is
 * read only when the connection's peer is one of {@code mercure.hub.trusted.proxies}; then the client
 * is the right-most address in the header that is not itself a trusted proxy (what each trusted proxy
 * appended), never a value the client wrote further left.
 */
public final class ClientAddress {

    private final TrustedProxies trustedProxies;

    public ClientAddress(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** @return the client's address, or null when the front end does not know the peer's */
    public String of(HubRequest request) {
        String peer = TrustedProxies.canonical(request.peerAddress());
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.header("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = TrustedProxies.canonical(hops[i]);
            if (hop != null && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
