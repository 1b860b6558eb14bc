package io.github.mercurejakarta.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an event stream as the WHATWG HTML standard's EventSource does ("Interpreting an event stream"),
 * fed with the bytes as they arrive: a UTF-8 BOM at the start is skipped, lines end with CR, LF or CRLF
 * (also when a chunk ends between the CR and the LF), a line starting with {@code :} is a comment,
 * {@code field: value} loses one space after the colon, a line without colon is a field with an empty
 * value, {@code data} lines are joined with LF, {@code id} containing NUL is ignored, {@code retry} is
 * taken only when it is all ASCII digits, unknown fields are ignored, a blank line dispatches the event
 * (none when no {@code data} came), and an event not ended by a blank line when the stream ends is
 * dropped. Bytes are split into lines before decoding (CR and LF never occur inside a UTF-8 sequence);
 * malformed UTF-8 becomes U+FFFD. Not thread-safe: one parser per connection.
 *
 * <pre>{@code
 * EventStreamParser p = new EventStreamParser(1 << 20, new EventStreamParser.Listener() { ... });
 * p.feed(ByteBuffer.wrap("id: 1\ndata: hello\n\n".getBytes(UTF_8)));   // event("1", "", "hello")
 * }</pre>
 */
final class EventStreamParser {

    /** What a parser reports. */
    interface Listener {
        /**
         * @param lastEventId the stream's last event id at dispatch (the event's own id, or an earlier one)
         * @param type        the event type, {@code ""} when none was given ({@code message})
         * @param data        the data lines joined with LF
         */
        void event(String lastEventId, String type, String data);

        /** @param millis a {@code retry} field: the new reconnection time */
        default void retry(long millis) {
        }
    }

    /** An event or line longer than the parser's limit. */
    static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxChars;
    private final Listener listener;
    private byte[] line = new byte[16];
    private int lineLength;
    private boolean afterCr;
    private int bomBytesSeen; // 0..3 while the start of the stream may still be a BOM; -1 once past it
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = "";
    private String lastEventId;

    /**
     * @param maxChars the longest event (data and line) accepted
     * @param listener where events go
     * @param lastEventId the last event id before this stream (kept until the stream sets one), or null
     */
    EventStreamParser(int maxChars, Listener listener, String lastEventId) {
        this.maxChars = maxChars;
        this.listener = listener;
        this.lastEventId = lastEventId == null ? "" : lastEventId;
    }

    /** @return the stream's last event id buffer ({@code ""} when none was set) */
    String lastEventId() {
        return lastEventId;
    }

    /**
     * Parses the bytes of {@code chunk} (consumed), dispatching every event they complete.
     *
     * @throws TooLargeException when a line or event goes over the limit
     */
    void feed(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (bomBytesSeen >= 0) {
                if (bomMayContinue(b)) {
                    continue;
                }
            }
            if (afterCr) {
                afterCr = false;
                if (b == LF) {
                    continue; // the LF of a CRLF
                }
            }
            if (b == CR) {
                afterCr = true;
                endLine();
            } else if (b == LF) {
                endLine();
            } else {
                if (lineLength == line.length) {
                    // a UTF-8 character takes up to 4 bytes: the limit in bytes is 4 times the one in characters
                    if (lineLength >= maxChars * 4L) {
                        throw new TooLargeException("an event stream line longer than " + maxChars + " characters");
                    }
                    line = Arrays.copyOf(line, (int) Math.min(line.length * 2L, maxChars * 4L));
                }
                line[lineLength++] = b;
            }
        }
    }

    /** @return true when {@code b} was taken as part of a leading BOM (EF BB BF) */
    private boolean bomMayContinue(byte b) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        if (b == bom[bomBytesSeen]) {
            bomBytesSeen++;
            if (bomBytesSeen == 3) {
                bomBytesSeen = -1;
            }
            return true;
        }
        // not a BOM after all: the bytes taken so far are ordinary line bytes
        int seen = bomBytesSeen;
        bomBytesSeen = -1;
        for (int i = 0; i < seen; i++) {
            line[lineLength++] = bom[i];
        }
        return false;
    }

    private void endLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (line.length > 4096) {
            line = new byte[16]; // a long line does not keep its buffer for the rest of the stream
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return; // comment
        }
        int colon = text.indexOf(':');
        String field;
        String value;
        if (colon < 0) {
            field = text;
            value = "";
        } else {
            field = text.substring(0, colon);
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            value = text.substring(start);
        }
        switch (field) {
            case "data":
                if (data.length() + value.length() + 1 > maxChars) {
                    throw new TooLargeException("an event longer than " + maxChars + " characters");
                }
                data.append(value).append('\n');
                hasData = true;
                break;
            case "event":
                type = value;
                break;
            case "id":
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
                break;
            case "retry":
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        listener.retry(Long.parseLong(value));
                    } catch (NumberFormatException tooLong) {
                        // more digits than a long holds: no usable reconnection time
                    }
                }
                break;
            default:
                // unknown fields are ignored
        }
    }

    private void dispatch() {
        if (!hasData) {
            data.setLength(0);
            type = "";
            return;
        }
        data.setLength(data.length() - 1); // the LF after the last line
        String d = data.toString();
        String t = type;
        data.setLength(0);
        hasData = false;
        type = "";
        listener.event(lastEventId, t, d);
    }
}
