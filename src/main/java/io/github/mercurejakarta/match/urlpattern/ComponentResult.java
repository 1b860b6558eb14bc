package io.github.mercurejakarta.match.urlpattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one component of a URL pattern matched: the canonicalised {@code input} and the value of each
 * named or numbered group ({@code null} for an optional group that did not participate, which
 * JavaScript reports as {@code undefined}).
 */
public record ComponentResult(String input, Map<String, String> groups) {

    public ComponentResult {
        // LinkedHashMap copy: Map.copyOf rejects the null values of non-participating groups
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }
}
