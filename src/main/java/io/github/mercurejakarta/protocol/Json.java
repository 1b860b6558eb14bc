package io.github.mercurejakarta.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * The library's one JSON reader and writer, for the protocol's small documents (token claims,
 * subscription documents, hub metadata, transport records) as plain Java values: {@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}.
 *
 * <p>Why not JSON-B: it is for the application's own objects (an update's data) and may be absent
 * outside a container; these documents need no binding. Reading uses jose4j's parser (jose4j is the
 * library's JWT dependency already, and its {@code JsonUtil} is public API); writing is done here, with
 * the escapes SSE needs (U+2028/2029), which jose4j's writer does not apply.
 *
 * <pre>{@code
 * String text = Json.write(Map.of("user", "alice"));       // {"user":"alice"}
 * Map<String, Object> doc = Json.parseObject(text);
 * }</pre>
 */
public final class Json {

    private Json() {
    }

    /**
     * Reads a JSON object.
     *
     * @throws IllegalArgumentException when {@code text} is not a JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        try {
            return org.jose4j.json.JsonUtil.parseJson(text);
        } catch (org.jose4j.lang.JoseException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code value} as compact JSON.
     *
     * @throws IllegalArgumentException for a value that has no JSON form
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            out.append(value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal big) {
            out.append(big.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                string(key, out);
                out.append(':');
                write(entry.getValue(), out);
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            Iterator<?> items = list.iterator();
            while (items.hasNext()) {
                write(items.next(), out);
                if (items.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but end lines in JavaScript and some SSE tooling.
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
