package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Already-encoded text/event-stream bytes (one or several events, possibly led by comment lines)
 * handed to an {@code SseEventSink}, so that an update is encoded once for all subscribers and framed
 * exactly as the Mercure spec says.
 *
 * <p>Two runtimes, two routes to the wire:
 * <ul>
 *   <li>Runtimes that pick the application's {@code MessageBodyWriter} for the event (Jersey) use
 *       {@link SseFrameWriter}, which writes {@link #bytes()} verbatim.</li>
 *   <li>RESTEasy (Open Liberty, WildFly, the standalone hub) always frames events with its own
 *       {@code SseEventProvider}, which rewrites {@code data} (it merges consecutive line breaks, so
 *       {@code "a\n\nb"} would lose its empty line) but writes comments, {@code event:} and {@code id:}
 *       values as they are. The frame is therefore exposed as: its leading comment lines as
 *       {@link #getComment()}, and the rest — which starts with {@code event: } or {@code id: } (see
 *       {@code SseEncoding}) and ends with a blank line — as the value of that first field, without
 *       the field's prefix and without the final line break pair that RESTEasy writes itself. What
 *       RESTEasy writes is then byte for byte the frame's events. The integration tests check the
 *       raw bytes. A subscriber's writer batches what is queued behind a write in flight into one
 *       array, so a frame may also be several events with comments (the opening comment,
 *       keep-alives) before, between or after them. Leading comments are written RESTEasy's way
 *       ({@code ": "} lead; several empty ones as none), and a batch ending with a comment gets one
 *       blank line more, which dispatches nothing: the client sees the same events, ids and order
 *       ({@code EncodedFrameTest} checks every such batch through RESTEasy's own writer).</li>
 * </ul>
 *
 * <p>An update's frame is one array shared by all its subscribers, so {@link #of} keeps the parsed
 * form of recently sent arrays (by identity) and every sink of an update gets the same instance: the
 * split above is done once per update, not once per subscriber. What remains per sink is RESTEasy's
 * own framing (one {@code String.getBytes} of the value into its buffer), which application code
 * cannot avoid: RESTEasy writes event data only through its line-splitting stream, byte by byte, so an
 * application writer of cached bytes for {@code data} would cost more and lose empty lines.
 */
final class EncodedFrame implements OutboundSseEvent {

    private static final String EVENT = "event: ";
    private static final String ID = "id: ";

    /** Slots of the identity cache (a power of two): many more than the updates in flight at once. */
    private static final int CACHE_SLOTS = 128;
    /** Larger frames are not cached, so that the cache never holds more than a few MiB. */
    private static final int MAX_CACHED_BYTES = 32 * 1024;
    /**
     * Recently parsed frames, by identity hash of their array. Read and written without locks: a frame's
     * fields are final (safely published through a race) and a lost or stale slot only costs a parse.
     */
    private static final EncodedFrame[] CACHE = new EncodedFrame[CACHE_SLOTS];

    private final byte[] bytes;
    private final String comment;
    private final String name;
    private final String id;

    /**
     * @param bytes a frame, never modified afterwards (the hub's frames are immutable)
     * @return the event for {@code bytes}; the same instance for the same array while it stays cached
     */
    static EncodedFrame of(byte[] bytes) {
        if (bytes.length > MAX_CACHED_BYTES) {
            return new EncodedFrame(bytes);
        }
        int slot = System.identityHashCode(bytes) & (CACHE_SLOTS - 1);
        EncodedFrame cached = CACHE[slot];
        if (cached != null && cached.bytes == bytes) {
            return cached;
        }
        EncodedFrame parsed = new EncodedFrame(bytes);
        CACHE[slot] = parsed;
        return parsed;
    }

    EncodedFrame(byte[] bytes) {
        this.bytes = bytes;
        String text = new String(bytes, StandardCharsets.UTF_8);
        int i = 0;
        StringBuilder comments = null;
        // leading comment lines: a keep-alive or the opening comment batched before an event; a blank
        // line among them ends an empty block, which dispatches nothing, so it can be left out
        while (i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == '\n')) {
            if (text.charAt(i) == '\n') {
                i++;
                continue;
            }
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                throw new IllegalArgumentException("unterminated comment line");
            }
            comments = comments == null ? new StringBuilder() : comments.append('\n');
            comments.append(text, i + 1, nl);
            i = nl + 1;
        }
        this.comment = comments == null ? null : comments.toString();
        String rest = text.substring(i);
        if (rest.isEmpty()) {
            name = null;
            id = null;
        } else {
            // RESTEasy writes the first field's value, a line break, then the line break that ends an
            // event. A batch that ends with an event ends with a blank line: both are the frame's own.
            // A batch that ends with a comment (a keep-alive queued behind an event) ends with one line
            // break: RESTEasy's final one then adds a blank line after that comment, which ends an
            // empty block and dispatches nothing.
            int cut;
            if (rest.endsWith("\n\n")) {
                cut = 2;
            } else if (rest.endsWith("\n")) {
                cut = 1;
            } else {
                throw new IllegalArgumentException("a frame ends with a line break");
            }
            String body = rest.substring(0, rest.length() - cut);
            if (body.startsWith(EVENT)) {
                name = body.substring(EVENT.length());
                id = null;
            } else if (body.startsWith(ID)) {
                name = null;
                id = body.substring(ID.length());
            } else {
                throw new IllegalArgumentException("a frame starts with event: or id:");
            }
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /** @return non-null (so that RESTEasy writes the fields) unless the frame is only comments */
    @Override
    public Class<?> getType() {
        return name == null && id == null ? null : String.class;
    }

    @Override
    public Type getGenericType() {
        return getType();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getReconnectDelay() {
        return -1;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return false;
    }

    /** @return null: the data lines are part of {@link #getName()} / {@link #getId()} */
    @Override
    public Object getData() {
        return null;
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + bytes.length + " bytes]";
    }
}
