package io.github.mercurejakarta.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body: ordered name/value pairs, names may repeat
 * (Mercure's {@code topic}). Encoded with {@link URLEncoder} in UTF-8 (space becomes {@code +}).
 *
 * <pre>{@code Form.of("topic", "https://example.com/a", "topic", "https://example.com/b", "data", "hi")}</pre>
 */
public final class Form {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    /** @return a form from {@code name, value, name, value, ...}. */
    public static Form of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("a form needs name/value pairs, got an odd count");
        }
        Form form = new Form();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            form.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return form;
    }

    /** Appends one field (names may repeat). */
    public Form add(String name, String value) {
        fields.add(Map.entry(name, value));
        return this;
    }

    /** @return the fields in order. */
    public List<Map.Entry<String, String>> fields() {
        return List.copyOf(fields);
    }

    /** @return {@code name=value&...}, each part URL-encoded (UTF-8). */
    public String encode() {
        return fields.stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return encode();
    }
}
