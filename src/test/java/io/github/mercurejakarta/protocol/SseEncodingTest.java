package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.Update;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class SseEncodingTest {

    private static String encode(Update.Builder b) {
        return new String(SseEncoding.encode(b.build()), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsComeEventIdRetryData() {
        assertEquals("event: t\nid: i1\nretry: 5000\ndata: d\n\n",
                encode(Update.builder().topic("x").data("d").id("i1").type("t").retry(5000L)));
    }

    @Test
    void eachLineOfDataIsItsOwnDataField() {
        assertEquals("id: i\ndata: a\ndata: id: forged\n\n", encode(Update.builder().topic("x").data("a\nid: forged").id("i")),
                "a line break cannot inject a field");
    }

    @Test
    void crLfAndCrAndLfAllSplitLinesAndEmptyLinesSurvive() {
        assertEquals("id: i\ndata: a\ndata: b\ndata: c\ndata: \ndata: d\n\n",
                encode(Update.builder().topic("x").data("a\r\nb\rc\n\nd").id("i")));
    }

    @Test
    void otherUnicodeLineSeparatorsAreData() {
        assertEquals("id: i\ndata: a\u2028b\u0085c\u000bd\n\n", encode(Update.builder().topic("x").data("a\u2028b\u0085c\u000bd").id("i")));
    }

    @Test
    void emptyDataStillProducesADataLineSoTheEventFires() {
        assertEquals("id: i\ndata: \n\n", encode(Update.builder().topic("x").id("i")));
    }

    @Test
    void retryZeroIsKept() {
        assertTrue(encode(Update.builder().topic("x").id("i").retry(0L)).contains("retry: 0\n"));
    }

    @Test
    void trailingLineBreakGivesATrailingEmptyDataLine() {
        assertEquals("id: i\ndata: a\ndata: \n\n", encode(Update.builder().topic("x").data("a\n").id("i")));
    }

    @Test
    void utf8IsPreserved() {
        assertArrayEquals("id: i\ndata: héllo 🚀\n\n".getBytes(StandardCharsets.UTF_8),
                SseEncoding.encode(Update.builder().topic("x").data("héllo 🚀").id("i").build()));
    }

    @Test
    void fieldsWithLineBreaksAreRefusedAtEncoding() {
        assertThrows(IllegalArgumentException.class, () -> SseEncoding.encode(Update.builder().topic("x").id("a\nb").build()));
        assertThrows(IllegalArgumentException.class, () -> SseEncoding.encode(Update.builder().topic("x").id("i").type("a\rb").build()));
    }
}
