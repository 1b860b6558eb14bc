package io.github.mercurejakarta.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser for {@code text/event-stream} following the WHATWG HTML "Server-sent events"
 * interpretation rules (section 9.2.6):
 * <ul>
 *   <li>the stream is UTF-8, a leading BOM is skipped;</li>
 *   <li>lines end with CRLF, LF or CR (a CRLF split across two {@link #feed} calls is one line end);</li>
 *   <li>a line starting with {@code :} is a comment (reported without the colon, leading space kept);</li>
 *   <li>{@code name: value} strips one space after the colon; a line without a colon is a field with
 *       an empty value;</li>
 *   <li>{@code data} lines are joined with {@code \n}; an empty line dispatches the event, unless no
 *       {@code data} field was seen since the last dispatch, in which case event type and data are reset
 *       and nothing is dispatched (but {@code id} and {@code retry} still take effect);</li>
 *   <li>{@code id} values containing U+0000 are ignored; {@code retry} is used only if all ASCII digits;
 *       unknown fields are ignored;</li>
 *   <li>an incomplete event at end of stream is discarded.</li>
 * </ul>
 * Not thread-safe: feed it from one thread.
 */
public final class SseParser {

    /** Receives what the parser finds. */
    public interface Listener {
        void onEvent(SseEvent event);

        /** @param comment the comment line without its leading {@code :} */
        default void onComment(String comment) {
        }
    }

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lastWasCr;
    private boolean atStart = true;
    private int bomBytesSeen;

    // per-block state
    private final StringBuilder data = new StringBuilder();
    private boolean sawData;
    private String eventType;
    private String blockId;
    private Long blockRetry;

    // per-stream state
    private String lastEventId = "";
    private Long retry;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (atStart) {
                // skip a UTF-8 BOM (EF BB BF) at the very start of the stream
                final byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                if (b == bom[bomBytesSeen]) {
                    bomBytesSeen++;
                    if (bomBytesSeen == 3) {
                        atStart = false;
                    }
                    continue;
                }
                atStart = false;
                if (bomBytesSeen > 0) { // not a BOM after all: keep the bytes
                    line.write(bom, 0, bomBytesSeen);
                }
            }
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false; // second half of CRLF
                    continue;
                }
                endOfLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endOfLine();
            } else {
                lastWasCr = false;
                line.write(b);
            }
        }
    }

    /** End of stream: a pending, not yet terminated event is discarded (as the spec says). */
    public void end() {
        line.reset();
        resetBlock();
    }

    /** @return the sticky last event ID ({@code ""} until an {@code id} field was seen). */
    public String lastEventId() {
        return lastEventId;
    }

    /** @return the last valid {@code retry} value seen, or {@code null}. */
    public Long retry() {
        return retry;
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            listener.onComment(text.substring(1));
            return;
        }
        int colon = text.indexOf(':');
        String name;
        String value;
        if (colon < 0) {
            name = text;
            value = "";
        } else {
            name = text.substring(0, colon);
            value = text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
        }
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                sawData = true;
            }
            case "id" -> {
                if (value.indexOf('\u0000') < 0) {
                    blockId = value;
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        blockRetry = Long.parseLong(value);
                        retry = blockRetry;
                    } catch (NumberFormatException tooBig) {
                        // ignored like any invalid value
                    }
                }
            }
            default -> {
                // unknown field: ignored
            }
        }
    }

    private void dispatch() {
        if (!sawData) {
            resetBlock();
            return;
        }
        String joined = data.substring(0, data.length() - 1); // drop the last \n
        SseEvent event = new SseEvent(blockId, eventType, joined, blockRetry);
        resetBlock();
        listener.onEvent(event);
    }

    private void resetBlock() {
        data.setLength(0);
        sawData = false;
        eventType = null;
        blockId = null;
        blockRetry = null;
    }
}
