package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.Update;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of an {@link Update} in a shared log (a Redis stream entry, a PostgreSQL row): every
 * node decodes it and encodes the SSE frame itself (once per node), so the log holds the data once
 * rather than twice. Being bytes, it carries any data the hub accepts, whatever the store's text rules.
 *
 * <pre>{@code
 * byte[] b = UpdateCodec.encode(update);
 * Update same = UpdateCodec.decode(b);
 * }</pre>
 *
 * <p>Layout: version byte (1), flags (1 private, 2 type, 4 retry), id, topic count, topics, data, [type],
 * [retry]; strings are a length (int) and UTF-8 bytes. The version byte lets a later layout be read
 * next to this one during a rolling upgrade.
 */
public final class UpdateCodec {

    private static final int VERSION = 1;
    private static final int PRIVATE = 1;
    private static final int TYPE = 2;
    private static final int RETRY = 4;

    private UpdateCodec() {
    }

    /** @return the bytes of {@code u} (whose id is set) */
    public static byte[] encode(Update u) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + u.data().length() * 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte((u.isPrivate() ? PRIVATE : 0) | (u.type() != null ? TYPE : 0) | (u.retry() != null ? RETRY : 0));
            string(out, u.id());
            out.writeInt(u.topics().size());
            for (String t : u.topics()) {
                string(out, t);
            }
            string(out, u.data());
            if (u.type() != null) {
                string(out, u.type());
            }
            if (u.retry() != null) {
                out.writeLong(u.retry());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @return the update {@link #encode} made these bytes from
     * @throws IllegalArgumentException when they are not (truncated, or a layout this version does not know)
     */
    public static Update decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown update layout version " + version
                        + " (written by a newer hub?)");
            }
            int flags = in.readUnsignedByte();
            String id = string(in);
            int n = in.readInt();
            List<String> topics = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                topics.add(string(in));
            }
            Update.Builder b = Update.builder().id(id).topics(topics).data(string(in))
                    .privateUpdate((flags & PRIVATE) != 0);
            if ((flags & TYPE) != 0) {
                b.type(string(in));
            }
            if ((flags & RETRY) != 0) {
                b.retry(in.readLong());
            }
            return b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated update: " + e, e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " exceeds the input");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
