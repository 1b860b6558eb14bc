package io.github.mercurejakarta.match.urlpattern;

import java.util.ArrayList;
import java.util.Locale;

/**
 * The URL Pattern "canonicalize a ..." callbacks: they run the URL parser on one component so that a
 * pattern's fixed text and a matched input are encoded the same way (https://urlpattern.spec.whatwg.org/#canon).
 * Each throws {@link InvalidUrlPatternException} where the standard throws a TypeError.
 */
final class ComponentCanonicalizer {

    private ComponentCanonicalizer() {
    }

    /** The standard's "dummy URL": the record the callbacks let the URL parser update. */
    private static WhatwgUrl dummyUrl() {
        return WhatwgUrl.basicParse("https://dummy.invalid/", null, null, null);
    }

    static String protocol(String value) {
        if (value.isEmpty()) {
            return value;
        }
        WhatwgUrl url = WhatwgUrl.basicParse(value + "://dummy.test", null, null, null);
        if (url == null) {
            throw new InvalidUrlPatternException("invalid protocol '" + value + "'");
        }
        return url.scheme;
    }

    static String username(String value) {
        return WhatwgUrl.percentEncode(stripTabAndNewline(value), WhatwgUrl.EncodeSet.USERINFO);
    }

    static String password(String value) {
        return WhatwgUrl.percentEncode(stripTabAndNewline(value), WhatwgUrl.EncodeSet.USERINFO);
    }

    /**
     * The hostname setter's parsing of a special URL (cut at {@code / ? #}, IDNA, lower-casing, IPv4
     * normalisation), except that every forbidden host code point, {@code \} included, is an error and
     * {@code %} is kept: that is what the web-platform-tests expect of patterns ("bad%hostname" is
     * accepted, "bad\hostname" rejected).
     */
    static String hostname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String v = stripTabAndNewline(value);
        int cut = v.length();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                cut = i;
                break;
            }
        }
        v = v.substring(0, cut);
        if (v.isEmpty()) {
            throw new InvalidUrlPatternException("invalid hostname '" + value + "'");
        }
        if (v.startsWith("[")) {
            String host = HostParser.parse(v, false);
            if (host == null) {
                throw new InvalidUrlPatternException("invalid hostname '" + value + "'");
            }
            return host;
        }
        if (v.codePoints().anyMatch(HostParser::isForbiddenHostCodePoint)) {
            throw new InvalidUrlPatternException("invalid hostname '" + value + "'");
        }
        String ascii;
        if (v.chars().allMatch(c -> c < 0x80)) {
            ascii = v.toLowerCase(Locale.ROOT);
        } else {
            ascii = HostParser.domainToAscii(new String(HostParser.percentDecode(v), java.nio.charset.StandardCharsets.UTF_8));
            if (ascii == null) {
                throw new InvalidUrlPatternException("invalid hostname '" + value + "'");
            }
        }
        if (ascii.indexOf('%') < 0 && HostParser.endsInANumber(ascii)) {
            String ipv4 = HostParser.parse(ascii, false);
            if (ipv4 == null) {
                throw new InvalidUrlPatternException("invalid IPv4 address '" + value + "'");
            }
            return ipv4;
        }
        return ascii;
    }

    static String ipv6Hostname(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!WhatwgUrl.isAsciiHexDigit(c) && c != '[' && c != ']' && c != ':') {
                throw new InvalidUrlPatternException("invalid IPv6 hostname '" + value + "'");
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** @param protocol when non-null and special, its default port canonicalises to "" */
    static String port(String value, String protocol) {
        if (value.isEmpty()) {
            return value;
        }
        WhatwgUrl url = dummyUrl();
        // without a protocol no port is anyone's default (the dummy URL's https must not elide 443)
        url.scheme = protocol != null ? protocol : "";
        url.port = null;
        if (WhatwgUrl.basicParse(value, null, url, WhatwgUrl.State.PORT) == null) {
            throw new InvalidUrlPatternException("invalid port '" + value + "'");
        }
        return url.port();
    }

    static String pathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        boolean leadingSlash = value.startsWith("/");
        // "/-" keeps a relative pathname from being resolved against anything: it is cut off again below
        String modified = leadingSlash ? value : "/-" + value;
        WhatwgUrl url = dummyUrl();
        url.path = new ArrayList<>();
        if (WhatwgUrl.basicParse(modified, null, url, WhatwgUrl.State.PATH_START) == null) {
            throw new InvalidUrlPatternException("invalid pathname '" + value + "'");
        }
        String result = url.pathname();
        return leadingSlash ? result : result.substring(2);
    }

    static String opaquePathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        return WhatwgUrl.percentEncode(stripTabAndNewline(value), WhatwgUrl.EncodeSet.C0_CONTROL);
    }

    static String search(String value) {
        if (value.isEmpty()) {
            return value;
        }
        WhatwgUrl url = dummyUrl();
        url.query = "";
        if (WhatwgUrl.basicParse(value, null, url, WhatwgUrl.State.QUERY) == null) {
            throw new InvalidUrlPatternException("invalid search '" + value + "'");
        }
        return url.query;
    }

    static String hash(String value) {
        if (value.isEmpty()) {
            return value;
        }
        WhatwgUrl url = dummyUrl();
        url.fragment = "";
        if (WhatwgUrl.basicParse(value, null, url, WhatwgUrl.State.FRAGMENT) == null) {
            throw new InvalidUrlPatternException("invalid hash '" + value + "'");
        }
        return url.fragment;
    }

    private static String stripTabAndNewline(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\t", "").replace("\n", "").replace("\r", "");
    }
}
