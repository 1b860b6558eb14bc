package io.github.mercurejakarta.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void onEvent(SseEvent event) {
            events.add(event);
        }

        @Override
        public void onComment(String comment) {
            comments.add(comment);
        }
    });

    private void feed(String text) {
        parser.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fullEvent() {
        feed("id: 1\nevent: update\ndata: hello\nretry: 3000\n\n");
        assertEquals(List.of(new SseEvent("1", "update", "hello", 3000L)), events);
        assertEquals("update", events.get(0).type());
        assertEquals("1", parser.lastEventId());
        assertEquals(3000L, parser.retry());
    }

    @Test
    void multiLineDataJoinedWithLf() {
        feed("data: line 1\ndata: line 2\ndata:\ndata: line 4\n\n");
        assertEquals("line 1\nline 2\n\nline 4", events.get(0).data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEnding(String eol) {
        feed(("id: a" + eol + "data: x" + eol + "data: y" + eol + eol + ": c" + eol + "data: z" + eol + eol));
        assertEquals(List.of(new SseEvent("a", null, "x\ny", null), new SseEvent(null, null, "z", null)), events);
        assertEquals(List.of(" c"), comments);
    }

    @Test
    void mixedLineEndingsAndCrLfSplitAcrossChunks() {
        feed("data: a\r");
        feed("\ndata: b\r");
        feed("\r\n");
        feed("data: c\n\r");
        assertEquals(List.of(new SseEvent(null, null, "a\nb", null), new SseEvent(null, null, "c", null)), events);
    }

    @Test
    void byteByByteFeedingWithMultiByteUtf8() {
        byte[] bytes = "data: héllo €\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            parser.feed(new byte[] {b});
        }
        assertEquals("héllo €", events.get(0).data());
    }

    @Test
    void commentsAreReportedAndDoNotDispatch() {
        feed(":\n: keep-alive\n:no space\n\n");
        assertEquals(List.of("", " keep-alive", "no space"), comments);
        assertEquals(List.of(), events);
    }

    @Test
    void emptyDataFieldDispatchesAnEmptyEvent() {
        feed("data\n\ndata:\n\n");
        assertEquals(List.of(new SseEvent(null, null, "", null), new SseEvent(null, null, "", null)), events);
    }

    @Test
    void blockWithoutDataDispatchesNothingButIdAndRetryStick() {
        feed("id: 7\nretry: 10\nevent: x\n\ndata: d\n\n");
        assertEquals(List.of(new SseEvent(null, null, "d", null)), events);
        assertEquals("7", parser.lastEventId());
        assertEquals(10L, parser.retry());
    }

    @Test
    void fieldWithoutColonHasEmptyValue() {
        feed("event\ndata: d\nid\n\n");
        assertEquals(new SseEvent("", "", "d", null), events.get(0));
        assertEquals("message", events.get(0).type());
        assertEquals("", parser.lastEventId());
    }

    @Test
    void onlyOneLeadingSpaceIsStripped() {
        feed("data:  two spaces\ndata:no space\n\n");
        assertEquals(" two spaces\nno space", events.get(0).data());
    }

    @Test
    void valueMayContainColons() {
        feed("data: {\"a\":\"b:c\"}\nid: urn:uuid:1\n\n");
        assertEquals(new SseEvent("urn:uuid:1", null, "{\"a\":\"b:c\"}", null), events.get(0));
    }

    @Test
    void invalidRetryAndNulInIdAreIgnoredAndUnknownFieldsSkipped() {
        feed("retry: 10x\nretry:\nid: a\u0000b\nfoo: bar\ndata: d\n\n");
        assertEquals(new SseEvent(null, null, "d", null), events.get(0));
        assertNull(parser.retry());
        assertEquals("", parser.lastEventId());
    }

    @Test
    void stickyLastEventIdAndTypeReset() {
        feed("id: 1\nevent: e\ndata: a\n\ndata: b\n\n");
        assertEquals(new SseEvent("1", "e", "a", null), events.get(0));
        assertEquals(new SseEvent(null, null, "b", null), events.get(1)); // type resets, id only in its block
        assertEquals("1", parser.lastEventId());
    }

    @Test
    void leadingBomIsSkippedAndUnterminatedEventDiscardedAtEnd() {
        parser.feed(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        feed("data: a\n\ndata: pending\n");
        parser.end();
        assertEquals(List.of(new SseEvent(null, null, "a", null)), events);
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        feed("Data: no\nDATA: no\ndata: yes\n\n");
        assertEquals("yes", events.get(0).data());
    }
}
