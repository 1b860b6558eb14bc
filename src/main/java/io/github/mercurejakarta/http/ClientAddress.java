package io.github.mercurejakarta.http;

import java.util.List;
import java.util.Set;

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

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        Set<String> canonical = new java.util.HashSet<>();
        for (String p : trustedProxies) {
            String c = canonical(p);
            if (c != null) {
                canonical.add(c);
            }
        }
        this.trustedProxies = Set.copyOf(canonical);
    }

    /** @return the client's address, or null when the front end does not know the peer's */
    public String of(HubRequest request) {
        String peer = canonical(request.peerAddress());
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.header("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonical(hops[i]);
            if (hop != null && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * @return the address in one canonical text ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same
     * client), or null when {@code address} is not an IP literal. Only literals are parsed: a name is
     * never looked up (the value may come from a client's header).
     */
    public static String canonical(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.indexOf(']') > 0) {
            a = a.substring(1, a.indexOf(']'));
        }
        if (a.startsWith("/")) {
            a = a.substring(1); // InetAddress.toString() of an unresolved name: "/127.0.0.1"
        }
        int zone = a.indexOf('%');
        if (zone > 0) {
            a = a.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && !(a.indexOf(':') >= 0 && IPV6.matcher(a).matches())) {
            return null;
        }
        try {
            // a literal (checked above) is parsed without any name lookup
            return java.net.InetAddress.getByName(a).getHostAddress();
        } catch (java.net.UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
