package io.github.mercurejakarta.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The name/value pairs of an {@code application/x-www-form-urlencoded} payload, parsed as the WHATWG
 * URL standard's urlencoded parser does, except that bytes which are not UTF-8 are an error instead
 * of U+FFFD.
 *
 * <p>Used for the hub's raw query string (subscriptions: {@code topic} / {@code match} repeat) and
 * for publication bodies. Every pair is kept, in order; nothing is merged or trimmed.
 *
 * <pre>{@code
 * FormData form = FormData.parse("topic=a&topic=b%2Fc&data=hello+world");
 * form.all("topic");   // ["a", "b/c"]
 * form.first("data");  // "hello world"
 * form.has("id");      // false
 * }</pre>
 *
 * <p>Rules: the input is split on {@code &} only ({@code ;} is an ordinary character); empty pieces
 * are skipped; the first {@code =} separates name from value (no {@code =}: the value is empty);
 * {@code +} becomes a space; {@code %XX} with two hex digits becomes that byte, any other {@code %}
 * stays as is; the resulting bytes must be valid UTF-8.
 */
public final class FormData implements Iterable<FormData.Pair> {

    /** One name/value pair, both decoded. */
    public record Pair(String name, String value) {
        public Pair {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final FormData EMPTY = new FormData(List.of());

    private final List<Pair> pairs;

    private FormData(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /**
     * Parses a request body.
     *
     * @throws MalformedFormException when a name or value does not decode to UTF-8
     */
    public static FormData parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '&') {
                if (i > start) {
                    pairs.add(parsePair(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return pairs.isEmpty() ? EMPTY : new FormData(Collections.unmodifiableList(pairs));
    }

    /** @return the pairs of {@code first} followed by those of {@code second} (a QUERY request's URL and body) */
    static FormData concat(FormData first, FormData second) {
        if (second.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        List<Pair> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first.pairs());
        all.addAll(second.pairs());
        return new FormData(Collections.unmodifiableList(all));
    }

    /**
     * Parses a raw (still percent-encoded) query string, without the leading {@code ?}, as given by
     * {@code HttpServletRequest.getQueryString()}. {@code null} (no query) gives an empty result.
     * Characters outside ASCII, which a raw query should not contain, are taken as their UTF-8 bytes.
     *
     * @throws MalformedFormException when the string holds an unpaired surrogate or a decoded name or
     *     value is not UTF-8
     */
    public static FormData parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        return parse(encodeUtf8(rawQuery));
    }

    /** @return every value of {@code name}, in order; empty when absent */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Pair pair : pairs) {
            if (pair.name().equals(name)) {
                values.add(pair.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** @return the first value of {@code name}, or {@code null} when absent */
    public String first(String name) {
        for (Pair pair : pairs) {
            if (pair.name().equals(name)) {
                return pair.value();
            }
        }
        return null;
    }

    /** @return whether {@code name} occurs at least once (possibly with an empty value) */
    public boolean has(String name) {
        return first(name) != null;
    }

    /** @return the distinct names, in order of first occurrence */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            names.add(pair.name());
        }
        return Collections.unmodifiableSet(names);
    }

    /** @return all pairs in input order (unmodifiable) */
    public List<Pair> pairs() {
        return pairs;
    }

    public int size() {
        return pairs.size();
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    @Override
    public Iterator<Pair> iterator() {
        return pairs.iterator();
    }

    @Override
    public String toString() {
        return "FormData" + pairs;
    }

    private static Pair parsePair(byte[] bytes, int start, int end) {
        int equals = end;
        for (int i = start; i < end; i++) {
            if (bytes[i] == '=') {
                equals = i;
                break;
            }
        }
        String name = decode(bytes, start, equals);
        String value = equals < end ? decode(bytes, equals + 1, end) : "";
        return new Pair(name, value);
    }

    /** {@code +} to space, then percent-decode, then strict UTF-8. */
    private static String decode(byte[] bytes, int start, int end) {
        byte[] out = new byte[end - start];
        int length = 0;
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out[length++] = ' ';
            } else if (b == '%' && i + 2 < end && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
                byte d = (byte) (hexValue(bytes[i + 1]) << 4 | hexValue(bytes[i + 2]));
                ascii &= d >= 0;
                out[length++] = d;
                i += 2;
            } else {
                ascii &= b >= 0;
                out[length++] = b;
            }
        }
        if (ascii) {
            // US-ASCII is valid UTF-8 as it is (the usual form: topics, ids, JSON): no decoder needed
            return new String(out, 0, length, StandardCharsets.US_ASCII);
        }
        // a fresh decoder per call: CharsetDecoder is stateful and not thread-safe
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(out, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("form data is not valid UTF-8");
        }
    }

    private static byte[] encodeUtf8(String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("query string holds an unpaired surrogate");
        }
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
