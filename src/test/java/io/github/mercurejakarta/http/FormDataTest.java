package io.github.mercurejakarta.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.http.FormData.Pair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormDataTest {

    private static List<Pair> pairs(String query) {
        return FormData.parse(query).pairs();
    }

    @Test
    void keepsEveryPairInOrder() {
        FormData form = FormData.parse("topic=a&data=x&topic=b&topic=a");
        assertEquals(List.of(new Pair("topic", "a"), new Pair("data", "x"), new Pair("topic", "b"), new Pair("topic", "a")),
                form.pairs());
        assertEquals(List.of("a", "b", "a"), form.all("topic"));
        assertEquals("a", form.first("topic"));
        assertEquals(List.of("topic", "data"), new ArrayList<>(form.names()));
        assertEquals(4, form.size());
        List<Pair> iterated = new ArrayList<>();
        form.forEach(iterated::add);
        assertEquals(form.pairs(), iterated);
    }

    @Test
    void absentNames() {
        FormData form = FormData.parse("a=1");
        assertEquals(List.of(), form.all("b"));
        assertNull(form.first("b"));
        assertFalse(form.has("b"));
        assertTrue(form.has("a"));
    }

    @Test
    void splitsOnAmpersandOnlyNotSemicolon() {
        assertEquals(List.of(new Pair("a", "1;b=2"), new Pair("c", "3")), pairs("a=1;b=2&c=3"));
    }

    @Test
    void skipsEmptySequences() {
        assertEquals(List.of(new Pair("a", "1"), new Pair("b", "2")), pairs("&&a=1&&&b=2&"));
        assertTrue(FormData.parse("&&&").isEmpty());
        assertTrue(FormData.parse("").isEmpty());
        assertTrue(FormData.parse((String) null).isEmpty());
        assertTrue(FormData.parse(new byte[0]).isEmpty());
    }

    @Test
    void firstEqualsSignSplits() {
        assertEquals(List.of(new Pair("a", "b=c=d")), pairs("a=b=c=d"));
        assertEquals(List.of(new Pair("", "v")), pairs("=v"));
        assertEquals(List.of(new Pair("", "")), pairs("="));
        assertEquals(List.of(new Pair("a", "")), pairs("a="));
    }

    @Test
    void missingEqualsSignGivesEmptyValue() {
        FormData form = FormData.parse("flag&a=1");
        assertEquals(List.of(new Pair("flag", ""), new Pair("a", "1")), form.pairs());
        assertTrue(form.has("flag"));
        assertEquals("", form.first("flag"));
    }

    @Test
    void plusIsSpaceInNamesAndValuesButEncodedPlusIsPlus() {
        assertEquals(List.of(new Pair("a b", "c d"), new Pair("e", "+")), pairs("a+b=c+d&e=%2B"));
    }

    @Test
    void percentDecodes() {
        assertEquals(List.of(new Pair("topic", "https://example.com/books/1")),
                pairs("topic=https%3A%2F%2Fexample.com%2Fbooks%2F1"));
        assertEquals("&=", FormData.parse("x=%26%3d").first("x"));
        assertEquals("é", FormData.parse("x=%C3%A9").first("x"));
        assertEquals("😀", FormData.parse("x=%F0%9F%98%80").first("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "%zz", "%4g", "100%", "%%41"})
    void percentNotFollowedByTwoHexDigitsStaysLiteral(String raw) {
        String expected = raw.equals("%%41") ? "%A" : raw;
        assertEquals(expected, FormData.parse("x=" + raw).first("x"));
    }

    @Test
    void percentDecodingHappensAfterSplitting() {
        // an encoded '&' or '=' is data, never structure
        assertEquals(List.of(new Pair("a&b", "c=d")), pairs("a%26b=c%3Dd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=%FF", "x=%C3", "x=%C3%28", "x=%ED%A0%80", "x=%C0%AF", "x=%F4%90%80%80", "%80=v"})
    void invalidUtf8IsRejected(String query) {
        // lone byte, truncated sequence, bad continuation, encoded surrogate, overlong, above U+10FFFF, in a name
        assertThrows(MalformedFormException.class, () -> FormData.parse(query));
    }

    @Test
    void invalidUtf8InRawBytesIsRejected() {
        assertThrows(MalformedFormException.class, () -> FormData.parse(new byte[] {'x', '=', (byte) 0xE9}));
    }

    @Test
    void rawUtf8BytesAreAccepted() {
        assertEquals("été", FormData.parse("x=été".getBytes(StandardCharsets.UTF_8)).first("x"));
        assertEquals("été", FormData.parse("x=été").first("x"));
    }

    @Test
    void unpairedSurrogateInStringIsRejected() {
        assertThrows(MalformedFormException.class, () -> FormData.parse("x=\uD800"));
    }

    @Test
    void byteOrderMarkIsKept() {
        // WHATWG "UTF-8 decode without BOM": a leading BOM is data
        assertEquals("\uFEFFa", FormData.parse("%EF%BB%BFa=1").pairs().get(0).name());
    }

    @Test
    void resultIsUnmodifiable() {
        FormData form = FormData.parse("a=1&a=2");
        assertThrows(UnsupportedOperationException.class, () -> form.pairs().clear());
        assertThrows(UnsupportedOperationException.class, () -> form.all("a").clear());
        assertThrows(UnsupportedOperationException.class, () -> form.names().clear());
    }
}
