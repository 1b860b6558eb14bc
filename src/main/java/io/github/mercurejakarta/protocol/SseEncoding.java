package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.Update;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream bytes of an update, exactly as the Mercure spec and the reference hub frame
 * them: {@code event:} (if set), {@code id:}, {@code retry:} (if set), then one {@code data:} line per
 * line of data (split on CRLF, CR or LF — never on other Unicode line separators, which would alter
 * the data), always at least one {@code data:} line so that an empty update still fires, then a blank line.
 *
 * <p>Encoded once per update and shared by every subscriber (and by every front end). Field order is
 * free in SSE; {@code id:} comes before {@code retry:} so that every frame starts with {@code event:} or
 * {@code id:}, which lets the JAX-RS front end hand the frame to RESTEasy's SSE writer verbatim.
 */
public final class SseEncoding {

    /** A keep-alive comment line. */
    public static final byte[] KEEP_ALIVE = ":\n".getBytes(StandardCharsets.US_ASCII);

    private SseEncoding() {
    }

    /**
     * Encodes {@code update}, whose id must be set. {@code id}, {@code type} must already be free of
     * CR/LF (validated at publish); they are checked again here because a framing bug is a security bug.
     */
    public static byte[] encode(Update update) {
        String id = update.id();
        if (id == null) {
            throw new IllegalArgumentException("an encoded update needs an id");
        }
        StringBuilder sb = new StringBuilder(update.data().length() + id.length() + 32);
        if (update.type() != null) {
            field(sb, "event", update.type());
        }
        field(sb, "id", id);
        if (update.retry() != null) {
            field(sb, "retry", Long.toString(update.retry()));
        }
        String data = update.data();
        int start = 0;
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                sb.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < n && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        sb.append("data: ").append(data, start, n).append('\n');
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line ({@code :text}), for the opening write that makes servers flush the headers. */
    public static byte[] comment(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment is one line");
        }
        return (":" + text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder sb, String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(name + " must not contain CR, LF or NUL");
            }
        }
        sb.append(name).append(": ").append(value).append('\n');
    }

    /** Writes several frames as one buffer (one write for a batch of queued updates). */
    public static byte[] concat(byte[][] frames, int count) {
        int len = 0;
        for (int i = 0; i < count; i++) {
            len += frames[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        for (int i = 0; i < count; i++) {
            out.writeBytes(frames[i]);
        }
        return out.toByteArray();
    }
}
