package io.github.mercurejakarta.protocol;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentEncodingTest {

    private static final List<String> SAMPLES = List.of("", "plain", "a b+c", "~*-._", "https://e.x/{id}?a=1&b=2#f",
            "é😀", "\ud800 lone", "%2F%zz", "'\"<>\\");

    @Test
    void formEncodingIsWhatUrlEncoderWrites() {
        for (String s : SAMPLES) {
            assertEquals(URLEncoder.encode(s, StandardCharsets.UTF_8), PercentEncoding.FORM.encode(s),
                    "the form encoding of '" + s + "' is URLEncoder's");
        }
    }

    @Test
    void unreservedEncodingKeepsOnlyUnreservedCharacters() {
        assertEquals("aZ0-._~%20%2F%3A%25%C3%A9", PercentEncoding.UNRESERVED.encode("aZ0-._~ /:%é"),
                "only A-Z a-z 0-9 - . _ ~ stay");
    }

    @Test
    void queryValueEncodingKeepsReadableUrlCharacters() {
        assertEquals("https://e.x/%7Bid%7D?a%3D1%26b%2B%23", PercentEncoding.QUERY_VALUE.encode("https://e.x/{id}?a=1&b+#"),
                "/ : ? stay, = & + # braces are escaped");
        assertEquals("%27%22%3C%3E%5C", PercentEncoding.QUERY_VALUE.encode("'\"<>\\"),
                "characters unsafe in HTML attributes are escaped");
    }

    @Test
    void reservedExpansionKeepsReservedCharactersAndExistingEscapes() {
        assertEquals("a/b%20c%2F%25zz?x=1", PercentEncoding.RESERVED_EXPANSION.encode("a/b c%2F%zz?x=1"),
                "reserved characters and %XX triplets stay; a lone % is escaped");
    }
}
