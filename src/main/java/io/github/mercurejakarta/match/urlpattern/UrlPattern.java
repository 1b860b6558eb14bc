package io.github.mercurejakarta.match.urlpattern;

import io.github.mercurejakarta.match.urlpattern.PatternParser.Options;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled <a href="https://urlpattern.spec.whatwg.org/">WHATWG URL Pattern</a>, the Java
 * counterpart of JavaScript's {@code URLPattern}.
 *
 * <p>Each of the eight components compiles to an RE2/J program, so {@link #test} and {@link #exec}
 * run in time linear in the input for every pattern, including user regexp groups such as
 * {@code :id((a+)+)}. The price: regexp features RE2 lacks (lookaround, backreferences) and
 * ECMAScript {@code v}-flag class set operations are rejected with {@link InvalidUrlPatternException},
 * and {@code ignoreCase} is not offered.
 *
 * <pre>{@code
 * UrlPattern p = UrlPattern.compile("/books/:id", "https://hub.example");
 * p.test("https://hub.example/books/42", null);                              // true
 * p.exec("https://hub.example/books/42", null).pathname().groups().get("id"); // "42"
 * p.test("https://HUB.example/books/42", null);                              // true: hosts are lower-cased
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UrlPattern {

    private static final List<String> SPECIAL_SCHEMES = List.of("ftp", "file", "http", "https", "ws", "wss");

    private final Map<Component, PatternComponent> components;

    private UrlPattern(Map<Component, PatternComponent> components) {
        this.components = components;
    }

    /**
     * Compiles a constructor string such as {@code "https://*.example.com/books/:id"}; a relative
     * one ({@code "/books/:id"}) needs {@code baseUrl}.
     *
     * @throws InvalidUrlPatternException when the pattern is malformed or {@code baseUrl} is invalid
     */
    public static UrlPattern compile(String pattern, String baseUrl) {
        String[] parsed = ConstructorStringParser.parse(pattern);
        if (baseUrl == null && parsed[Component.PROTOCOL.ordinal()] == null) {
            throw new InvalidUrlPatternException("relative URL pattern '" + pattern + "' needs a base URL");
        }
        return compileInit(UrlPatternInit.of(parsed, baseUrl));
    }

    /** Same as {@code compile(pattern, null)}: the pattern must be absolute. */
    public static UrlPattern compile(String pattern) {
        return compile(pattern, null);
    }

    /** Compiles the dictionary form; absent components match anything unless inherited from its baseURL. */
    public static UrlPattern compile(UrlPatternInit init) {
        return compileInit(init);
    }

    /**
     * The JavaScript overload {@code new URLPattern(init, baseURL)}: a base URL belongs inside the
     * init, so a non-null {@code baseUrl} is an error, as in the standard.
     */
    public static UrlPattern compile(UrlPatternInit init, String baseUrl) {
        if (baseUrl != null) {
            throw new InvalidUrlPatternException("a base URL must be given inside the URLPatternInit");
        }
        return compileInit(init);
    }

    private static UrlPattern compileInit(UrlPatternInit init) {
        String[] processed = processInit(init, true);
        for (Component c : Component.values()) {
            if (processed[c.ordinal()] == null) {
                processed[c.ordinal()] = "*";
            }
        }
        String protocolValue = processed[Component.PROTOCOL.ordinal()];
        // "http" with port "80" (or "80 ", which the port parser reads as 80) is the default port: ""
        if (SPECIAL_SCHEMES.contains(protocolValue) && Integer.toString(WhatwgUrl.defaultPort(protocolValue))
                .equals(processed[Component.PORT.ordinal()].strip())) {
            processed[Component.PORT.ordinal()] = "";
        }
        Map<Component, PatternComponent> compiled = new EnumMap<>(Component.class);
        PatternComponent protocol = PatternComponent.compile(protocolValue, ComponentCanonicalizer::protocol,
                Options.DEFAULT);
        compiled.put(Component.PROTOCOL, protocol);
        compiled.put(Component.USERNAME, PatternComponent.compile(processed[Component.USERNAME.ordinal()],
                ComponentCanonicalizer::username, Options.DEFAULT));
        compiled.put(Component.PASSWORD, PatternComponent.compile(processed[Component.PASSWORD.ordinal()],
                ComponentCanonicalizer::password, Options.DEFAULT));
        String hostname = processed[Component.HOSTNAME.ordinal()];
        compiled.put(Component.HOSTNAME, isIpv6HostnamePattern(hostname)
                ? PatternComponent.compile(hostname, ComponentCanonicalizer::ipv6Hostname, Options.HOSTNAME)
                : PatternComponent.compile(hostname, ComponentCanonicalizer::hostname, Options.HOSTNAME));
        compiled.put(Component.PORT, PatternComponent.compile(processed[Component.PORT.ordinal()],
                v -> ComponentCanonicalizer.port(v, null), Options.DEFAULT));
        String pathname = processed[Component.PATHNAME.ordinal()];
        compiled.put(Component.PATHNAME, matchesSpecialScheme(protocol)
                ? PatternComponent.compile(pathname, ComponentCanonicalizer::pathname, Options.PATHNAME)
                : PatternComponent.compile(pathname, ComponentCanonicalizer::opaquePathname, Options.DEFAULT));
        compiled.put(Component.SEARCH, PatternComponent.compile(processed[Component.SEARCH.ordinal()],
                ComponentCanonicalizer::search, Options.DEFAULT));
        compiled.put(Component.HASH, PatternComponent.compile(processed[Component.HASH.ordinal()],
                ComponentCanonicalizer::hash, Options.DEFAULT));
        return new UrlPattern(compiled);
    }

    static boolean matchesSpecialScheme(PatternComponent protocol) {
        for (String scheme : SPECIAL_SCHEMES) {
            if (protocol.matches(scheme)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpv6HostnamePattern(String input) {
        if (input.length() < 2) {
            return false;
        }
        char first = input.charAt(0);
        char second = input.charAt(1);
        return first == '[' || ((first == '{' || first == '\\') && second == '[');
    }

    // ---------------------------------------------------------------------------------------------
    // process a URLPatternInit (https://urlpattern.spec.whatwg.org/#process-a-urlpatterninit)

    /**
     * @param pattern true for the "pattern" type (components stay pattern syntax), false for "url"
     *     (components are canonicalised as URL parts and start out as "")
     * @return components indexed by {@link Component#ordinal()}, null when absent
     */
    static String[] processInit(UrlPatternInit init, boolean pattern) {
        String[] result = new String[Component.values().length];
        if (!pattern) {
            java.util.Arrays.fill(result, "");
        }
        WhatwgUrl baseUrl = null;
        if (init.baseURL() != null) {
            baseUrl = WhatwgUrl.parse(init.baseURL(), (String) null);
            if (baseUrl == null) {
                throw new InvalidUrlPatternException("invalid base URL '" + init.baseURL() + "'");
            }
            boolean hasProtocol = init.protocol() != null;
            boolean hasHostname = init.hostname() != null;
            boolean hasPort = init.port() != null;
            boolean hasPathname = init.pathname() != null;
            boolean hasSearch = init.search() != null;
            if (!hasProtocol) {
                result[Component.PROTOCOL.ordinal()] = processBaseUrlString(baseUrl.scheme, pattern);
            }
            if (!pattern && !hasProtocol && !hasHostname && !hasPort && init.username() == null) {
                result[Component.USERNAME.ordinal()] = processBaseUrlString(baseUrl.username, pattern);
            }
            if (!pattern && !hasProtocol && !hasHostname && !hasPort && init.username() == null
                    && init.password() == null) {
                result[Component.PASSWORD.ordinal()] = processBaseUrlString(baseUrl.password, pattern);
            }
            if (!hasProtocol && !hasHostname) {
                result[Component.HOSTNAME.ordinal()] = processBaseUrlString(baseUrl.hostname(), pattern);
            }
            if (!hasProtocol && !hasHostname && !hasPort) {
                result[Component.PORT.ordinal()] = processBaseUrlString(baseUrl.port(), pattern);
            }
            if (!hasProtocol && !hasHostname && !hasPort && !hasPathname) {
                result[Component.PATHNAME.ordinal()] = processBaseUrlString(baseUrl.pathname(), pattern);
            }
            if (!hasProtocol && !hasHostname && !hasPort && !hasPathname && !hasSearch) {
                String q = baseUrl.query == null ? "" : baseUrl.query;
                result[Component.SEARCH.ordinal()] = processBaseUrlString(q, pattern);
            }
            if (!hasProtocol && !hasHostname && !hasPort && !hasPathname && !hasSearch && init.hash() == null) {
                String f = baseUrl.fragment == null ? "" : baseUrl.fragment;
                result[Component.HASH.ordinal()] = processBaseUrlString(f, pattern);
            }
        }
        if (init.protocol() != null) {
            String stripped = init.protocol().endsWith(":")
                    ? init.protocol().substring(0, init.protocol().length() - 1) : init.protocol();
            result[Component.PROTOCOL.ordinal()] = pattern ? stripped : ComponentCanonicalizer.protocol(stripped);
        }
        if (init.username() != null) {
            result[Component.USERNAME.ordinal()] = pattern ? init.username() : ComponentCanonicalizer.username(init.username());
        }
        if (init.password() != null) {
            result[Component.PASSWORD.ordinal()] = pattern ? init.password() : ComponentCanonicalizer.password(init.password());
        }
        if (init.hostname() != null) {
            result[Component.HOSTNAME.ordinal()] = pattern ? init.hostname() : ComponentCanonicalizer.hostname(init.hostname());
        }
        String protocolValue = result[Component.PROTOCOL.ordinal()];
        if (init.port() != null) {
            result[Component.PORT.ordinal()] = pattern ? init.port() : ComponentCanonicalizer.port(init.port(), protocolValue);
        }
        if (init.pathname() != null) {
            String path = init.pathname();
            if (baseUrl != null && !baseUrl.hasOpaquePath() && !isAbsolutePathname(path, pattern)) {
                String basePath = processBaseUrlString(baseUrl.pathname(), pattern);
                int slash = basePath.lastIndexOf('/');
                if (slash >= 0) {
                    path = basePath.substring(0, slash + 1) + path;
                }
            }
            if (!pattern) {
                path = protocolValue == null || protocolValue.isEmpty() || WhatwgUrl.isSpecialScheme(protocolValue)
                        ? ComponentCanonicalizer.pathname(path) : ComponentCanonicalizer.opaquePathname(path);
            }
            result[Component.PATHNAME.ordinal()] = path;
        }
        if (init.search() != null) {
            String s = init.search().startsWith("?") ? init.search().substring(1) : init.search();
            result[Component.SEARCH.ordinal()] = pattern ? s : ComponentCanonicalizer.search(s);
        }
        if (init.hash() != null) {
            String h = init.hash().startsWith("#") ? init.hash().substring(1) : init.hash();
            result[Component.HASH.ordinal()] = pattern ? h : ComponentCanonicalizer.hash(h);
        }
        return result;
    }

    private static String processBaseUrlString(String input, boolean pattern) {
        return pattern ? PatternParser.escapePatternString(input) : input;
    }

    private static boolean isAbsolutePathname(String input, boolean pattern) {
        if (input.isEmpty()) {
            return false;
        }
        if (input.charAt(0) == '/') {
            return true;
        }
        if (!pattern || input.length() < 2) {
            return false;
        }
        return (input.charAt(0) == '\\' || input.charAt(0) == '{') && input.charAt(1) == '/';
    }

    // ---------------------------------------------------------------------------------------------
    // Matching

    /**
     * @param input a URL, relative to {@code baseUrl} when that is non-null
     * @return true when every component matches; false also when {@code input} or {@code baseUrl} is
     *     not a valid URL
     */
    public boolean test(String input, String baseUrl) {
        String[] values = urlComponents(input, baseUrl);
        return values != null && testComponents(values);
    }

    /** Matches an already parsed URL (saves parsing it twice when the caller needs it anyway). */
    public boolean test(WhatwgUrl url) {
        return testComponents(urlComponents(url));
    }

    private boolean testComponents(String[] values) {
        for (Component c : Component.values()) {
            if (!components.get(c).matches(values[c.ordinal()])) {
                return false;
            }
        }
        return true;
    }

    /** Matches the dictionary form of a URL; false when a component cannot be canonicalised. */
    public boolean test(UrlPatternInit input) {
        return exec(input) != null;
    }

    /** @return the match with its groups, or null when {@link #test(String, String)} is false */
    public UrlPatternResult exec(String input, String baseUrl) {
        String[] values = urlComponents(input, baseUrl);
        if (values == null) {
            return null;
        }
        List<Object> inputs = new ArrayList<>();
        inputs.add(input);
        if (baseUrl != null) {
            inputs.add(baseUrl);
        }
        return match(values, inputs);
    }

    /**
     * The standard's match with a dictionary input and a separate base URL, which is an error: the
     * base URL belongs inside the init.
     *
     * @throws InvalidUrlPatternException when {@code baseUrl} is non-null
     */
    public UrlPatternResult exec(UrlPatternInit input, String baseUrl) {
        if (baseUrl != null) {
            throw new InvalidUrlPatternException("a base URL must be given inside the URLPatternInit");
        }
        return exec(input);
    }

    /** @return the match with its groups, or null when it does not match */
    public UrlPatternResult exec(UrlPatternInit input) {
        String[] values;
        try {
            values = processInit(input, false);
        } catch (InvalidUrlPatternException e) {
            return null;
        }
        return match(values, List.of(input));
    }

    private static String[] urlComponents(String input, String baseUrl) {
        WhatwgUrl base = null;
        if (baseUrl != null) {
            base = WhatwgUrl.parse(baseUrl, (String) null);
            if (base == null) {
                return null;
            }
        }
        WhatwgUrl url = WhatwgUrl.parse(input, base);
        return url == null ? null : urlComponents(url);
    }

    private static String[] urlComponents(WhatwgUrl url) {
        String[] values = new String[Component.values().length];
        values[Component.PROTOCOL.ordinal()] = url.scheme;
        values[Component.USERNAME.ordinal()] = url.username;
        values[Component.PASSWORD.ordinal()] = url.password;
        values[Component.HOSTNAME.ordinal()] = url.hostname();
        values[Component.PORT.ordinal()] = url.port();
        values[Component.PATHNAME.ordinal()] = url.pathname();
        values[Component.SEARCH.ordinal()] = url.query == null ? "" : url.query;
        values[Component.HASH.ordinal()] = url.fragment == null ? "" : url.fragment;
        return values;
    }

    private UrlPatternResult match(String[] values, List<Object> inputs) {
        ComponentResult[] results = new ComponentResult[values.length];
        for (Component c : Component.values()) {
            ComponentResult r = components.get(c).exec(values[c.ordinal()]);
            if (r == null) {
                return null;
            }
            results[c.ordinal()] = r;
        }
        return new UrlPatternResult(inputs, results[0], results[1], results[2], results[3], results[4], results[5],
                results[6], results[7]);
    }

    // ---------------------------------------------------------------------------------------------
    // Normalised component patterns (the JavaScript getters)

    public String protocol() {
        return components.get(Component.PROTOCOL).patternString();
    }

    public String username() {
        return components.get(Component.USERNAME).patternString();
    }

    public String password() {
        return components.get(Component.PASSWORD).patternString();
    }

    public String hostname() {
        return components.get(Component.HOSTNAME).patternString();
    }

    public String port() {
        return components.get(Component.PORT).patternString();
    }

    public String pathname() {
        return components.get(Component.PATHNAME).patternString();
    }

    public String search() {
        return components.get(Component.SEARCH).patternString();
    }

    public String hash() {
        return components.get(Component.HASH).patternString();
    }

    /** @return true when some component uses a custom regexp group such as {@code (\d+)} */
    public boolean hasRegExpGroups() {
        return components.values().stream().anyMatch(PatternComponent::hasRegexpGroups);
    }

    /** @return the normalised pattern of one component, by its JavaScript name */
    public String component(String name) {
        for (Component c : Component.values()) {
            if (c.key().equals(name)) {
                return components.get(c).patternString();
            }
        }
        throw new IllegalArgumentException("unknown component: " + name);
    }

    @Override
    public String toString() {
        return protocol() + "://" + username() + ":" + password() + "@" + hostname() + ":" + port() + pathname()
                + "?" + search() + "#" + hash();
    }
}
