package io.github.mercurejakarta.match.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A URL parsed with the <a href="https://url.spec.whatwg.org/#concept-basic-url-parser">WHATWG
 * basic URL parser</a>: the same parser browsers use, and the one the URL Pattern standard builds on.
 *
 * <p>The getters mirror the JavaScript {@code URL} API: {@link #protocol()} ends with {@code ":"},
 * {@link #search()} starts with {@code "?"} and {@link #hash()} with {@code "#"} (both empty when
 * absent). Special schemes get their default port elided, dot segments removed, hosts lower-cased
 * (IDNA through {@link java.net.IDN}), IPv4 and IPv6 addresses normalised, and every component
 * percent-encoded with its WHATWG percent-encode set.
 *
 * <pre>{@code
 * WhatwgUrl url = WhatwgUrl.parse("../b/./c?x#y", "https://Hub.Example:443/a/z");
 * url.href();     // "https://hub.example/b/c?x#y"
 * url.pathname(); // "/b/c"
 * WhatwgUrl.parse("not a url", null); // null: failures are reported as null, never thrown
 * }</pre>
 *
 * <p>Instances are immutable once returned by {@link #parse}.
 */
public final class WhatwgUrl {

    private static final int EOF = -1;

    // The parser mutates a fresh record; once parse() returns it is never touched again.
    String scheme = "";
    String username = "";
    String password = "";
    String host; // serialized host, null when the URL has none
    Integer port; // null when absent or the scheme's default
    List<String> path = new ArrayList<>();
    String opaquePath; // non-null for URLs such as "mailto:x" or "data:..." whose path is opaque
    String query;
    String fragment;

    WhatwgUrl() {
    }

    /**
     * Parses {@code input}, resolved against {@code base} when that is non-null.
     *
     * @return the parsed URL, or {@code null} when {@code input} (or a non-null {@code base}) is not a
     *     valid URL; never throws for any string
     */
    public static WhatwgUrl parse(String input, String base) {
        Objects.requireNonNull(input, "input");
        WhatwgUrl baseUrl = null;
        if (base != null) {
            baseUrl = basicParse(base, null, null, null);
            if (baseUrl == null) {
                return null;
            }
        }
        return basicParse(input, baseUrl, null, null);
    }

    /** Same as {@link #parse(String, String)} with an already parsed base. */
    public static WhatwgUrl parse(String input, WhatwgUrl base) {
        Objects.requireNonNull(input, "input");
        return basicParse(input, base, null, null);
    }

    /** @return the scheme followed by {@code ":"}, e.g. {@code "https:"} */
    public String protocol() {
        return scheme + ":";
    }

    /** @return the scheme without the colon, e.g. {@code "https"} */
    public String scheme() {
        return scheme;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** @return the serialized host ({@code "[::1]"} for IPv6), or {@code ""} when there is none */
    public String hostname() {
        return host == null ? "" : host;
    }

    /** @return the port, or {@code ""} when absent or equal to the scheme's default port */
    public String port() {
        return port == null ? "" : port.toString();
    }

    /** @return the serialized path: {@code "/a/b"} for hierarchical URLs, the opaque path otherwise */
    public String pathname() {
        if (opaquePath != null) {
            return opaquePath;
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : path) {
            sb.append('/').append(segment);
        }
        return sb.toString();
    }

    /** @return {@code "?"} followed by the query, or {@code ""} when the query is absent or empty */
    public String search() {
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    /** @return {@code "#"} followed by the fragment, or {@code ""} when absent or empty */
    public String hash() {
        return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
    }

    /** @return the query without {@code "?"}, {@code null} when the URL has none (differs from "") */
    public String query() {
        return query;
    }

    /** @return the fragment without {@code "#"}, {@code null} when the URL has none */
    public String fragment() {
        return fragment;
    }

    /** @return true for URLs such as {@code "mailto:a@b"} whose path is a single opaque string */
    public boolean hasOpaquePath() {
        return opaquePath != null;
    }

    /** @return the serialized URL */
    public String href() {
        StringBuilder sb = new StringBuilder(scheme).append(':');
        if (host != null) {
            sb.append("//");
            if (!username.isEmpty() || !password.isEmpty()) {
                sb.append(username);
                if (!password.isEmpty()) {
                    sb.append(':').append(password);
                }
                sb.append('@');
            }
            sb.append(host);
            if (port != null) {
                sb.append(':').append(port);
            }
        } else if (opaquePath == null && path.size() > 1 && path.get(0).isEmpty()) {
            // "/." keeps a path such as "//x" from being re-parsed as an authority
            sb.append("/.");
        }
        sb.append(pathname());
        if (query != null) {
            sb.append('?').append(query);
        }
        if (fragment != null) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return href();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhatwgUrl other && other.href().equals(href());
    }

    @Override
    public int hashCode() {
        return href().hashCode();
    }

    // ---------------------------------------------------------------------------------------------
    // Special schemes

    static boolean isSpecialScheme(String scheme) {
        return switch (scheme) {
            case "ftp", "file", "http", "https", "ws", "wss" -> true;
            default -> false;
        };
    }

    /** @return the default port of a special scheme, or -1 (file and non-special schemes have none) */
    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "ftp" -> 21;
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    boolean isSpecial() {
        return isSpecialScheme(scheme);
    }

    private boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    private void shortenPath() {
        if (scheme.equals("file") && path.size() == 1 && isNormalizedWindowsDriveLetter(path.get(0))) {
            return;
        }
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser)

    /** Parser states; the ones URL Pattern canonicalisation starts from are also "state overrides". */
    enum State {
        SCHEME_START, SCHEME, NO_SCHEME, SPECIAL_RELATIVE_OR_AUTHORITY, PATH_OR_AUTHORITY, RELATIVE,
        RELATIVE_SLASH, SPECIAL_AUTHORITY_SLASHES, SPECIAL_AUTHORITY_IGNORE_SLASHES, AUTHORITY, HOST,
        HOSTNAME, PORT, FILE, FILE_SLASH, FILE_HOST, PATH_START, PATH, OPAQUE_PATH, QUERY, FRAGMENT
    }

    /**
     * The basic URL parser. With {@code url} and {@code override} given it updates that record the
     * way the URL setters do (used to canonicalise URL Pattern components).
     *
     * @return the URL, or null on failure
     */
    static WhatwgUrl basicParse(String rawInput, WhatwgUrl base, WhatwgUrl url, State override) {
        String input = rawInput;
        if (url == null) {
            url = new WhatwgUrl();
            input = trimControlAndSpace(input);
        }
        int[] cp = removeTabAndNewline(input);
        State state = override != null ? override : State.SCHEME_START;
        boolean stateOverride = override != null;
        StringBuilder buffer = new StringBuilder();
        boolean atSignSeen = false;
        boolean insideBrackets = false;
        boolean passwordTokenSeen = false;

        for (int pointer = 0; ; pointer++) {
            int c = pointer < cp.length ? cp[pointer] : EOF;
            switch (state) {
                case SCHEME_START -> {
                    if (isAsciiAlpha(c)) {
                        buffer.appendCodePoint(Character.toLowerCase(c));
                        state = State.SCHEME;
                    } else if (!stateOverride) {
                        state = State.NO_SCHEME;
                        pointer--;
                    } else {
                        return null;
                    }
                }
                case SCHEME -> {
                    if (isAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.') {
                        buffer.appendCodePoint(Character.toLowerCase(c));
                    } else if (c == ':') {
                        url.scheme = buffer.toString();
                        buffer.setLength(0);
                        if (url.scheme.equals("file")) {
                            state = State.FILE;
                        } else if (url.isSpecial() && base != null && base.scheme.equals(url.scheme)) {
                            state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
                        } else if (url.isSpecial()) {
                            state = State.SPECIAL_AUTHORITY_SLASHES;
                        } else if (pointer + 1 < cp.length && cp[pointer + 1] == '/') {
                            state = State.PATH_OR_AUTHORITY;
                            pointer++;
                        } else {
                            url.opaquePath = "";
                            state = State.OPAQUE_PATH;
                        }
                    } else if (!stateOverride) {
                        buffer.setLength(0);
                        state = State.NO_SCHEME;
                        pointer = -1;
                    } else {
                        return null;
                    }
                }
                case NO_SCHEME -> {
                    if (base == null || (base.opaquePath != null && c != '#')) {
                        return null;
                    } else if (base.opaquePath != null) {
                        url.scheme = base.scheme;
                        url.opaquePath = base.opaquePath;
                        url.query = base.query;
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (!base.scheme.equals("file")) {
                        state = State.RELATIVE;
                        pointer--;
                    } else {
                        state = State.FILE;
                        pointer--;
                    }
                }
                case SPECIAL_RELATIVE_OR_AUTHORITY -> {
                    if (c == '/' && pointer + 1 < cp.length && cp[pointer + 1] == '/') {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                        pointer++;
                    } else {
                        state = State.RELATIVE;
                        pointer--;
                    }
                }
                case PATH_OR_AUTHORITY -> {
                    if (c == '/') {
                        state = State.AUTHORITY;
                    } else {
                        state = State.PATH;
                        pointer--;
                    }
                }
                case RELATIVE -> {
                    url.scheme = base.scheme;
                    if (c == '/' || (url.isSpecial() && c == '\\')) {
                        state = State.RELATIVE_SLASH;
                    } else {
                        url.username = base.username;
                        url.password = base.password;
                        url.host = base.host;
                        url.port = base.port;
                        url.path = new ArrayList<>(base.path);
                        url.query = base.query;
                        if (c == '?') {
                            url.query = "";
                            state = State.QUERY;
                        } else if (c == '#') {
                            url.fragment = "";
                            state = State.FRAGMENT;
                        } else if (c != EOF) {
                            url.query = null;
                            url.shortenPath();
                            state = State.PATH;
                            pointer--;
                        }
                    }
                }
                case RELATIVE_SLASH -> {
                    if (url.isSpecial() && (c == '/' || c == '\\')) {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                    } else if (c == '/') {
                        state = State.AUTHORITY;
                    } else {
                        url.username = base.username;
                        url.password = base.password;
                        url.host = base.host;
                        url.port = base.port;
                        state = State.PATH;
                        pointer--;
                    }
                }
                case SPECIAL_AUTHORITY_SLASHES -> {
                    if (c == '/' && pointer + 1 < cp.length && cp[pointer + 1] == '/') {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                        pointer++;
                    } else {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                        pointer--;
                    }
                }
                case SPECIAL_AUTHORITY_IGNORE_SLASHES -> {
                    if (c != '/' && c != '\\') {
                        state = State.AUTHORITY;
                        pointer--;
                    }
                }
                case AUTHORITY -> {
                    if (c == '@') {
                        if (atSignSeen) {
                            buffer.insert(0, "%40");
                        }
                        atSignSeen = true;
                        StringBuilder user = new StringBuilder(url.username);
                        StringBuilder pass = new StringBuilder(url.password);
                        String b = buffer.toString();
                        for (int i = 0; i < b.length(); ) {
                            int ch = b.codePointAt(i);
                            i += Character.charCount(ch);
                            if (ch == ':' && !passwordTokenSeen) {
                                passwordTokenSeen = true;
                                continue;
                            }
                            percentEncode(passwordTokenSeen ? pass : user, ch, EncodeSet.USERINFO);
                        }
                        url.username = user.toString();
                        url.password = pass.toString();
                        buffer.setLength(0);
                    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
                        if (atSignSeen && buffer.length() == 0) {
                            return null;
                        }
                        pointer -= buffer.codePointCount(0, buffer.length()) + 1;
                        buffer.setLength(0);
                        state = State.HOST;
                    } else {
                        buffer.appendCodePoint(c);
                    }
                }
                case HOST, HOSTNAME -> {
                    if (stateOverride && url.scheme.equals("file")) {
                        pointer--;
                        state = State.FILE_HOST;
                    } else if (c == ':' && !insideBrackets) {
                        if (buffer.length() == 0) {
                            return null;
                        }
                        if (override == State.HOSTNAME) {
                            return null;
                        }
                        String parsedHost = parseHost(buffer.toString(), !url.isSpecial());
                        if (parsedHost == null) {
                            return null;
                        }
                        url.host = parsedHost;
                        buffer.setLength(0);
                        state = State.PORT;
                    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
                        pointer--;
                        if (url.isSpecial() && buffer.length() == 0) {
                            return null;
                        } else if (stateOverride && buffer.length() == 0
                                && (url.includesCredentials() || url.port != null)) {
                            return null;
                        }
                        String parsedHost = parseHost(buffer.toString(), !url.isSpecial());
                        if (parsedHost == null) {
                            return null;
                        }
                        url.host = parsedHost;
                        buffer.setLength(0);
                        state = State.PATH_START;
                        if (stateOverride) {
                            return url;
                        }
                    } else {
                        if (c == '[') {
                            insideBrackets = true;
                        } else if (c == ']') {
                            insideBrackets = false;
                        }
                        buffer.appendCodePoint(c);
                    }
                }
                case PORT -> {
                    if (isAsciiDigit(c)) {
                        buffer.appendCodePoint(c);
                    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')
                            || stateOverride) {
                        if (buffer.length() != 0) {
                            int value = parsePortNumber(buffer);
                            if (value < 0) {
                                return null;
                            }
                            url.port = value == defaultPort(url.scheme) ? null : value;
                            buffer.setLength(0);
                            if (stateOverride) {
                                return url;
                            }
                        }
                        if (stateOverride) {
                            return null;
                        }
                        state = State.PATH_START;
                        pointer--;
                    } else {
                        return null;
                    }
                }
                case FILE -> {
                    url.scheme = "file";
                    url.host = "";
                    if (c == '/' || c == '\\') {
                        state = State.FILE_SLASH;
                    } else if (base != null && base.scheme.equals("file")) {
                        url.host = base.host;
                        url.path = new ArrayList<>(base.path);
                        url.query = base.query;
                        if (c == '?') {
                            url.query = "";
                            state = State.QUERY;
                        } else if (c == '#') {
                            url.fragment = "";
                            state = State.FRAGMENT;
                        } else if (c != EOF) {
                            url.query = null;
                            if (!startsWithWindowsDriveLetter(cp, pointer)) {
                                url.shortenPath();
                            } else {
                                url.path = new ArrayList<>();
                            }
                            state = State.PATH;
                            pointer--;
                        }
                    } else {
                        state = State.PATH;
                        pointer--;
                    }
                }
                case FILE_SLASH -> {
                    if (c == '/' || c == '\\') {
                        state = State.FILE_HOST;
                    } else {
                        if (base != null && base.scheme.equals("file")) {
                            url.host = base.host;
                            if (!startsWithWindowsDriveLetter(cp, pointer) && !base.path.isEmpty()
                                    && isNormalizedWindowsDriveLetter(base.path.get(0))) {
                                url.path.add(base.path.get(0));
                            }
                        }
                        state = State.PATH;
                        pointer--;
                    }
                }
                case FILE_HOST -> {
                    if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
                        pointer--;
                        if (!stateOverride && isWindowsDriveLetter(buffer)) {
                            state = State.PATH;
                        } else if (buffer.length() == 0) {
                            url.host = "";
                            if (stateOverride) {
                                return url;
                            }
                            state = State.PATH_START;
                        } else {
                            String parsedHost = parseHost(buffer.toString(), !url.isSpecial());
                            if (parsedHost == null) {
                                return null;
                            }
                            url.host = parsedHost.equals("localhost") ? "" : parsedHost;
                            if (stateOverride) {
                                return url;
                            }
                            buffer.setLength(0);
                            state = State.PATH_START;
                        }
                    } else {
                        buffer.appendCodePoint(c);
                    }
                }
                case PATH_START -> {
                    if (url.isSpecial()) {
                        state = State.PATH;
                        if (c != '/' && c != '\\') {
                            pointer--;
                        }
                    } else if (!stateOverride && c == '?') {
                        url.query = "";
                        state = State.QUERY;
                    } else if (!stateOverride && c == '#') {
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (c != EOF) {
                        state = State.PATH;
                        if (c != '/') {
                            pointer--;
                        }
                    } else if (stateOverride && url.host == null) {
                        url.path.add("");
                    }
                }
                case PATH -> {
                    boolean slash = c == '/' || (url.isSpecial() && c == '\\');
                    if (c == EOF || slash || (!stateOverride && (c == '?' || c == '#'))) {
                        String segment = buffer.toString();
                        if (isDoubleDotSegment(segment)) {
                            url.shortenPath();
                            if (!slash) {
                                url.path.add("");
                            }
                        } else if (isSingleDotSegment(segment) && !slash) {
                            url.path.add("");
                        } else if (!isSingleDotSegment(segment)) {
                            if (url.scheme.equals("file") && url.path.isEmpty() && isWindowsDriveLetter(segment)) {
                                segment = segment.charAt(0) + ":";
                            }
                            url.path.add(segment);
                        }
                        buffer.setLength(0);
                        if (c == '?') {
                            url.query = "";
                            state = State.QUERY;
                        } else if (c == '#') {
                            url.fragment = "";
                            state = State.FRAGMENT;
                        }
                    } else {
                        percentEncode(buffer, c, EncodeSet.PATH);
                    }
                }
                case OPAQUE_PATH -> {
                    if (!stateOverride && c == '?') {
                        url.query = "";
                        state = State.QUERY;
                    } else if (!stateOverride && c == '#') {
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (c != EOF) {
                        StringBuilder sb = new StringBuilder(url.opaquePath);
                        percentEncode(sb, c, EncodeSet.C0_CONTROL);
                        url.opaquePath = sb.toString();
                    }
                }
                case QUERY -> {
                    if ((!stateOverride && c == '#') || c == EOF) {
                        EncodeSet set = url.isSpecial() ? EncodeSet.SPECIAL_QUERY : EncodeSet.QUERY;
                        StringBuilder q = new StringBuilder(url.query == null ? "" : url.query);
                        String b = buffer.toString();
                        for (int i = 0; i < b.length(); ) {
                            int ch = b.codePointAt(i);
                            i += Character.charCount(ch);
                            percentEncode(q, ch, set);
                        }
                        url.query = q.toString();
                        buffer.setLength(0);
                        if (c == '#') {
                            url.fragment = "";
                            state = State.FRAGMENT;
                        }
                    } else {
                        buffer.appendCodePoint(c);
                    }
                }
                case FRAGMENT -> {
                    if (c != EOF) {
                        StringBuilder f = new StringBuilder(url.fragment == null ? "" : url.fragment);
                        percentEncode(f, c, EncodeSet.FRAGMENT);
                        url.fragment = f.toString();
                    }
                }
                default -> throw new IllegalStateException(state.toString());
            }
            // the spec's "if after a run pointer points to the EOF code point": states that step back
            // (pointer--) at EOF get to see EOF again in their successor state
            if (pointer >= cp.length) {
                return url;
            }
        }
    }

    /** @return the port number, or -1 when it exceeds 65535 */
    private static int parsePortNumber(CharSequence digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * 10 + (digits.charAt(i) - '0');
            if (value > 65535) {
                return -1;
            }
        }
        return (int) value;
    }

    private static String trimControlAndSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= 0x20) {
            end--;
        }
        return s.substring(start, end);
    }

    private static int[] removeTabAndNewline(String s) {
        return s.codePoints().filter(c -> c != '\t' && c != '\n' && c != '\r').toArray();
    }

    static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiAlphanumeric(int c) {
        return isAsciiAlpha(c) || isAsciiDigit(c);
    }

    static boolean isAsciiHexDigit(int c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWindowsDriveLetter(CharSequence s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
    }

    private static boolean isNormalizedWindowsDriveLetter(String s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && s.charAt(1) == ':';
    }

    private static boolean startsWithWindowsDriveLetter(int[] cp, int pointer) {
        int remaining = cp.length - pointer;
        if (remaining < 2 || !isAsciiAlpha(cp[pointer]) || (cp[pointer + 1] != ':' && cp[pointer + 1] != '|')) {
            return false;
        }
        if (remaining == 2) {
            return true;
        }
        int third = cp[pointer + 2];
        return third == '/' || third == '\\' || third == '?' || third == '#';
    }

    private static boolean isSingleDotSegment(String s) {
        return s.equals(".") || s.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDotSegment(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "..", ".%2e", "%2e.", "%2e%2e" -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Percent-encoding (https://url.spec.whatwg.org/#percent-encoded-bytes)

    /** The WHATWG percent-encode sets, each a superset of the previous one where the spec says so. */
    enum EncodeSet {
        C0_CONTROL, FRAGMENT, QUERY, SPECIAL_QUERY, PATH, USERINFO;

        boolean contains(int c) {
            if (c < 0x20 || c > 0x7E) {
                return true;
            }
            return switch (this) {
                case C0_CONTROL -> false;
                case FRAGMENT -> c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
                case QUERY -> c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
                case SPECIAL_QUERY -> QUERY.contains(c) || c == '\'';
                case PATH -> QUERY.contains(c) || c == '?' || c == '`' || c == '{' || c == '}';
                case USERINFO -> PATH.contains(c) || c == '/' || c == ':' || c == ';' || c == '='
                        || c == '@' || (c >= '[' && c <= '^') || c == '|';
            };
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static void percentEncode(StringBuilder out, int codePoint, EncodeSet set) {
        if (!set.contains(codePoint)) {
            out.appendCodePoint(codePoint);
            return;
        }
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    static String percentEncode(String s, EncodeSet set) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            percentEncode(out, c, set);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Hosts (https://url.spec.whatwg.org/#host-parsing)

    /** @return the serialized host, or null on failure */
    static String parseHost(String input, boolean isOpaque) {
        return HostParser.parse(input, isOpaque);
    }
}
