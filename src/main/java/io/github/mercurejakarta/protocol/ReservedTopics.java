package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.match.urlpattern.WhatwgUrl;

/**
 * The hub's reserved namespace: topics under {@code /.well-known/mercure} carry the hub's own updates
 * (subscription events), so nobody may publish there — whatever the scheme, host or spelling
 * ({@code %6Dercure}, dot segments).
 *
 * <p>The spec compares against the hub's own path; the embedded hub's path depends on where the
 * application is mounted, so any path containing the {@code /.well-known/mercure} segment pair is
 * reserved (as hub 0.24 does), which includes the hub's path wherever it is mounted. Relative topics
 * resolve against {@code /.well-known/mercure}, so {@code mercure/x} is reserved as the spec implies.
 */
public final class ReservedTopics {

    private static final String SEGMENTS = "/.well-known/mercure";
    /** Relative topics resolve against the hub URL; the standard hub path stands for it. */
    private static final String BASE = "https://hub.invalid/.well-known/mercure";

    private ReservedTopics() {
    }

    /** @return true when {@code topic}, resolved and normalised, addresses the reserved namespace. */
    public static boolean isReserved(String topic) {
        if (cannotSpellTheNamespace(topic)) {
            return false; // every publish checks every topic: skip the full URL parse when it cannot matter
        }
        // spec: resolve against the hub URL with the WHATWG parser (dot segments go, a backslash is a
        // slash for special schemes), then decode %-escapes of unreserved characters, then compare paths
        WhatwgUrl url = WhatwgUrl.parse(topic, BASE);
        if (url == null || url.hasOpaquePath()) {
            return false;
        }
        String path = removeDotSegments(decodeUnreserved(url.pathname()));
        int i = path.indexOf(SEGMENTS);
        while (i >= 0) {
            int end = i + SEGMENTS.length();
            if (end == path.length() || path.charAt(end) == '/') {
                return true;
            }
            i = path.indexOf(SEGMENTS, i + 1);
        }
        return false;
    }

    /**
     * A fast and conservative answer: true only when the topic cannot resolve into the namespace. The
     * resolved path holds {@code mercure} only if the topic spells it (possibly in another case), hides it
     * in a %-escape or behind a tab or newline (which the URL parser removes), or keeps the base's own
     * path (an empty reference, or one made of a query or fragment, possibly after leading spaces).
     */
    private static boolean cannotSpellTheNamespace(String topic) {
        if (topic.isEmpty()) {
            return false;
        }
        char first = topic.charAt(0);
        if (first <= ' ' || first == '?' || first == '#') {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '%' || c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
            if ((c == 'm' || c == 'M') && topic.regionMatches(true, i, "mercure", 0, 7)) {
                return false;
            }
        }
        return true;
    }

    /** Decodes %XX escapes of RFC 3986 unreserved characters (ALPHA / DIGIT / - . _ ~). */
    static String decodeUnreserved(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (v >= 0 && (Character.isLetterOrDigit(v) && v < 128 || v == '-' || v == '.' || v == '_' || v == '~')) {
                    sb.append((char) v);
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 ? -1000 : d;
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (in.equals("/..")) {
                in = "/";
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int start = in.startsWith("/") ? 1 : 0;
                int next = in.indexOf('/', start);
                if (next < 0) {
                    next = in.length();
                }
                out.append(in, 0, next);
                in = in.substring(next);
            }
        }
        return out.toString();
    }
}
