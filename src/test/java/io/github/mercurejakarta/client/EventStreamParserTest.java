package io.github.mercurejakarta.client;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The WHATWG "interpreting an event stream" rules, on the examples of the standard and the edge cases. */
class EventStreamParserTest {

    record Event(String id, String type, String data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();

    private EventStreamParser parser(int max) {
        return new EventStreamParser(max, new EventStreamParser.Listener() {
            @Override
            public void event(String lastEventId, String type, String data) {
                events.add(new Event(lastEventId, type, data));
            }

            @Override
            public void retry(long millis) {
                retries.add(millis);
            }
        }, null);
    }

    private List<Event> parse(String stream) {
        parser(1 << 20).feed(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8)));
        return events;
    }

    @Test
    void fieldsDataLinesAndDispatch() {
        assertEquals(List.of(new Event("urn:1", "book", "a\nb"), new Event("urn:1", "", "c")),
                parse("event: book\nid: urn:1\ndata: a\ndata: b\n\ndata:c\n\n"));
    }

    @Test
    void theThreeLineEndingsAndABomAtTheStart() {
        assertEquals(List.of(new Event("1", "", "x"), new Event("2", "", "y"), new Event("3", "", "z")),
                parse("\uFEFFid: 1\rdata: x\r\rid: 2\ndata: y\n\nid: 3\r\ndata: z\r\n\r\n"));
    }

    @Test
    void aBomLaterIsData() {
        assertEquals(List.of(new Event("", "", "\uFEFFx")), parse("data: \uFEFFx\n\n"));
    }

    @Test
    void commentsUnknownFieldsAndFieldsWithoutColon() {
        assertEquals(List.of(new Event("", "", ""), new Event("", "", " two spaces")),
                parse(": keep-alive\nfoo: bar\ndata\n\ndata:  two spaces\n\n"));
    }

    @Test
    void noDataNoEventButTheIdStays() {
        assertEquals(List.of(new Event("7", "", "after")), parse("id: 7\nevent: ignored\n\ndata: after\n\n"));
    }

    @Test
    void anIdWithNulIsIgnoredAnEmptyIdResets() {
        assertEquals(List.of(new Event("1", "", "a"), new Event("", "", "b")),
                parse("id: 1\nid: x\0y\ndata: a\n\nid\ndata: b\n\n"));
    }

    @Test
    void retryOnlyWithDigits() {
        parse("retry: 1500\nretry: 15x\nretry: -1\nretry:\nretry: 99999999999999999999999\n\n");
        assertEquals(List.of(1500L), retries);
    }

    @Test
    void anUnfinishedEventIsNotDispatched() {
        assertEquals(List.of(), parse("data: half\n"));
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        parser(100).feed(ByteBuffer.wrap(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC3, '\n', '\n'}));
        assertEquals(List.of(new Event("", "", "\uFFFD")), events);
    }

    @Test
    void anEventOverTheLimitFails() {
        EventStreamParser p = parser(10);
        assertThrows(EventStreamParser.TooLargeException.class,
                () -> p.feed(ByteBuffer.wrap("data: 0123456789\ndata: 0123456789\n\n".getBytes(StandardCharsets.UTF_8))));
        EventStreamParser q = parser(10);
        assertThrows(EventStreamParser.TooLargeException.class,
                () -> q.feed(ByteBuffer.wrap(("data: " + "x".repeat(60)).getBytes(StandardCharsets.UTF_8))));
    }

    /** However the network cuts the bytes (inside a CRLF, a BOM, a UTF-8 sequence), the events are the same. */
    @Property(tries = 300)
    void chunkBoundariesDoNotMatter(@ForAll @IntRange(min = 1, max = 7) int chunk, @ForAll @IntRange(min = 0, max = 5) int offset) {
        String stream = "\uFEFFid: é1\r\nevent: ü\r\ndata: 😀 a\r\ndata: b\r\n\r\n: c\rid: 2\rdata: z\r\r";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        events.clear(); // jqwik runs every try on the same instance
        List<Event> whole = new ArrayList<>(parse(stream));
        events.clear();
        EventStreamParser p = parser(1 << 20);
        int i = 0;
        int size = Math.min(offset + 1, bytes.length);
        while (i < bytes.length) {
            int n = Math.min(size, bytes.length - i);
            p.feed(ByteBuffer.wrap(bytes, i, n));
            i += n;
            size = chunk;
        }
        assertEquals(List.of(new Event("é1", "ü", "😀 a\nb"), new Event("2", "", "z")), whole);
        assertEquals(whole, events);
    }
}
