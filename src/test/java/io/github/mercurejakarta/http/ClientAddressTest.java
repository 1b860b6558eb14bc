package io.github.mercurejakarta.http;

import io.github.mercurejakarta.config.TrustedProxies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {

    private static HubRequest request(String peer, String forwardedFor) {
        return new HubRequest() {
            public String method() {
                return "GET";
            }

            public String hubUrl() {
                return "http://hub/.well-known/mercure";
            }

            public String rawQuery() {
                return null;
            }

            public String header(String name) {
                return "x-forwarded-for".equalsIgnoreCase(name) ? forwardedFor : null;
            }

            public String peerAddress() {
                return peer;
            }
        };
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("192.0.2.9", new ClientAddress(TrustedProxies.of(List.of())).of(request("192.0.2.9", "203.0.113.1")));
    }

    @Test
    void aTrustedProxysRightMostUntrustedHopIsTheClient() {
        ClientAddress a = new ClientAddress(TrustedProxies.of(List.of("10.0.0.1", "10.0.0.2")));
        assertEquals("203.0.113.1", a.of(request("10.0.0.1", "198.51.100.7, 203.0.113.1, 10.0.0.2")),
                "what the client wrote further left is not believed");
        assertEquals("10.0.0.1", a.of(request("10.0.0.1", null)), "no header: the proxy itself");
    }

    @Test
    void anUnknownPeerIsNoAddress() {
        assertEquals(null, new ClientAddress(TrustedProxies.of(List.of())).of(request(null, "203.0.113.1")));
        assertEquals("0:0:0:0:0:0:0:1", new ClientAddress(TrustedProxies.of(List.of())).of(request("[::1]", null)), "one text per address");
        assertEquals(null, new ClientAddress(TrustedProxies.of(List.of())).of(request("proxy.example", null)), "a name is not an address");
    }

    @Test
    void aTrustedProxyIsRecognisedWhicheverWayItsIpv6AddressIsWritten() {
        assertEquals("203.0.113.5", new ClientAddress(TrustedProxies.of(List.of("::1"))).of(request("0:0:0:0:0:0:0:1", "203.0.113.5")));
    }
}
