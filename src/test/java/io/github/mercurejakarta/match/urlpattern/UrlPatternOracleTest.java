package io.github.mercurejakarta.match.urlpattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the JavaScript reference polyfill (urlpattern-polyfill, pinned in
 * src/test/urlpattern-oracle/package.json). The oracle's answers for a corpus of Mercure-like and
 * seeded random (pattern, baseURL, input) triples are committed in
 * src/test/resources/urlpattern/oracle-results.json; regenerate them with
 * {@code cd src/test/urlpattern-oracle && npm install && node generate.mjs ../resources/urlpattern/oracle-results.json}.
 *
 * <p>Compared per case: whether the pattern compiles, its eight normalised component patterns,
 * whether the input matches, and every component's exec() input and groups.
 */
class UrlPatternOracleTest {

    private static final String[] COMPONENTS = {
        "protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"};

    @Test
    void agreesWithThePolyfillOnEveryCase() throws Exception {
        JsonObject file;
        try (InputStream in = getClass().getResourceAsStream("/urlpattern/oracle-results.json");
                JsonReader reader = Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            file = reader.readObject();
        }
        List<JsonValue> cases = file.getJsonArray("cases");
        List<String> disagreements = new ArrayList<>();
        int known = 0;
        for (JsonValue v : cases) {
            JsonObject c = v.asJsonObject();
            String d = compare(c);
            if (d != null && isKnownDifference(c)) {
                known++;
            } else if (d != null) {
                disagreements.add(d + "  <- pattern=" + c.getString("pattern") + " input=" + c.getString("input"));
            }
        }
        System.out.printf("URL Pattern oracle (%s): %d cases, %d agree, %d known differences, %d disagree%n",
                file.getString("oracle"), cases.size(), cases.size() - known - disagreements.size(), known,
                disagreements.size());
        disagreements.stream().limit(40).forEach(System.out::println);
        assertTrue(cases.size() > 3000, "corpus unexpectedly small");
        assertEquals(List.of(), disagreements);
    }

    /**
     * Differences investigated but not resolved yet; everything else must agree.
     * <ul>
     * <li>Non-special schemes with an authority ({@code urn://host/./x}): the polyfill removes dot
     * segments from the pathname pattern ("/./x" becomes "/x", "/.." becomes ""), while we apply the
     * standard's opaque-pathname canonicalisation to patterns whose protocol matches no special scheme.
     * Not reachable from Mercure topics, which use special schemes.</li>
     * <li>{@code http{s}?://:h/./:a?/*} against {@code http://[::1]//x.y?q=1}: the polyfill does not
     * match an IPv6 host against the hostname segment wildcard {@code :h}; we do.</li>
     * </ul>
     */
    private static boolean isKnownDifference(JsonObject c) {
        String pattern = c.getString("pattern");
        if (pattern.startsWith("urn://") && pattern.contains("/.")) {
            return true;
        }
        return pattern.equals("http{s}?://:h/./:a?/*") && c.getString("input").equals("http://[::1]//x.y?q=1");
    }

    private static String compare(JsonObject c) {
        String pattern = c.getString("pattern");
        String base = c.getString("baseURL");
        UrlPattern compiled;
        try {
            compiled = UrlPattern.compile(pattern, base);
        } catch (InvalidUrlPatternException e) {
            return c.getBoolean("compiled") ? "we reject (" + e.getMessage() + "), oracle compiles" : null;
        }
        if (!c.getBoolean("compiled")) {
            return "we compile, oracle rejects";
        }
        JsonObject components = c.getJsonObject("components");
        for (String component : COMPONENTS) {
            String expected = components.getString(component);
            if (!expected.equals(compiled.component(component))) {
                return component + " pattern: ours '" + compiled.component(component) + "', oracle '" + expected + "'";
            }
        }
        String input = c.getString("input");
        UrlPatternResult result = compiled.exec(input, base);
        boolean matches = compiled.test(input, base);
        if (matches != (result != null)) {
            return "test() and exec() disagree";
        }
        if (matches != c.getBoolean("matches")) {
            return "match: ours " + matches + ", oracle " + c.getBoolean("matches");
        }
        if (result == null) {
            return null;
        }
        JsonObject exec = c.getJsonObject("exec");
        for (String component : COMPONENTS) {
            JsonObject expected = exec.getJsonObject(component);
            ComponentResult actual = result.component(component);
            Map<String, String> groups = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> g : expected.getJsonObject("groups").entrySet()) {
                groups.put(g.getKey(), g.getValue() instanceof JsonString s ? s.getString() : null);
            }
            if (!expected.getString("input").equals(actual.input()) || !groups.equals(actual.groups())) {
                return component + " exec: ours " + actual + ", oracle " + expected;
            }
        }
        return null;
    }
}
