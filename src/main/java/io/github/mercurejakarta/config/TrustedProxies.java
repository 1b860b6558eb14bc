package io.github.mercurejakarta.config;

import io.github.mercurejakarta.exceptions.ConfigurationException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code mercure.hub.trusted.proxies}: the peers whose {@code X-Forwarded-For} is believed, as canonical
 * IP literals ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are one address).
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.parse("10.0.0.1, ::1");
 * proxies.contains(TrustedProxies.canonical("0:0:0:0:0:0:0:1"));   // true
 * }</pre>
 *
 * @param addresses canonical literals
 */
public record TrustedProxies(Set<String> addresses) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** No trusted proxy: {@code X-Forwarded-For} is never read. */
    public static final TrustedProxies NONE = new TrustedProxies(Set.of());

    public TrustedProxies {
        addresses = Set.copyOf(addresses);
    }

    /**
     * Reads a list of IP literals separated by commas or white space.
     *
     * @throws ConfigurationException naming {@code mercure.hub.trusted.proxies} for anything that is not an IP literal
     */
    public static TrustedProxies parse(String text) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String p : ConfigValues.list(text)) {
            String literal = canonical(p);
            if (literal == null) {
                throw new ConfigurationException(MercureConfig.Key.HUB_TRUSTED_PROXIES.key(),
                        "expected IP addresses, got '" + p + "'");
            }
            canonical.add(literal);
        }
        return new TrustedProxies(canonical);
    }

    /** @return proxies given as literals, invalid ones left out (for tests and programmatic set-up) */
    public static TrustedProxies of(List<String> literals) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String p : literals) {
            String c = canonical(p);
            if (c != null) {
                canonical.add(c);
            }
        }
        return new TrustedProxies(canonical);
    }

    /** @return whether {@code canonicalAddress} (as {@link #canonical} wrote it) is a trusted proxy */
    public boolean contains(String canonicalAddress) {
        return canonicalAddress != null && addresses.contains(canonicalAddress);
    }

    /**
     * @return the address in one canonical text, or null when {@code address} is not an IP literal. Only
     * literals are parsed: a name is never looked up (the value may come from a client's header).
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
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
