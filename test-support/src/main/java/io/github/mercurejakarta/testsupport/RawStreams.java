package io.github.mercurejakarta.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many SSE streams over plain sockets, all from this machine's one address, as the clients behind a proxy or a
 * NAT look to a hub. Unlike {@link SseClient} (a thread per stream), a thousand of these cost a thousand sockets
 * and nothing else: the bytes a hub sends wait in the sockets' buffers until {@link #awaitOnEach} reads them.
 *
 * <pre>{@code
 * try (RawStreams streams = RawStreams.open(hub.resolve("/.well-known/mercure?topic=a"), 1000, Duration.ofSeconds(10))) {
 *     assertEquals(1000, streams.countWithStatus(200), streams.describe());
 *     // publish an update whose data contains "marker-42", then:
 *     assertEquals(1000, streams.awaitOnEach("marker-42", Duration.ofSeconds(30)));
 * }
 * }</pre>
 */
public final class RawStreams implements AutoCloseable {

    private final List<Stream> streams = new ArrayList<>();

    private static final class Stream {
        final Socket socket;
        final int status;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Stream(Socket socket, int status, byte[] afterHeaders) {
            this.socket = socket;
            this.status = status;
            received.writeBytes(afterHeaders);
        }
    }

    private RawStreams() {
    }

    /**
     * Opens {@code count} streams one after the other, each a {@code GET} with {@code Accept: text/event-stream},
     * and reads each one's status line and headers before the next is opened.
     *
     * @param headersTimeout how long one stream may take to answer its headers
     */
    public static RawStreams open(URI uri, int count, Duration headersTimeout) {
        RawStreams all = new RawStreams();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(uri.getHost(), port), (int) headersTimeout.toMillis());
                    s.setSoTimeout((int) headersTimeout.toMillis());
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                    all.streams.add(readHead(s));
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
            }
        } catch (IOException e) {
            all.close();
            throw new AssertionError("stream " + all.streams.size() + " of " + count + " to " + uri + ": " + e, e);
        }
        return all;
    }

    /** Reads the status line and headers; keeps whatever body bytes came with them. */
    private static Stream readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            head.write(buf, 0, n);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                byte[] all = head.toByteArray();
                byte[] rest = Arrays.copyOfRange(all, end + 4, all.length);
                return new Stream(s, statusOf(text), rest);
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return new Stream(s, text.isEmpty() ? -1 : statusOf(text), new byte[0]);
    }

    private static int statusOf(String head) {
        // "HTTP/1.1 200 OK"
        String[] parts = head.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @return how many streams were answered with {@code status} */
    public int countWithStatus(int status) {
        return (int) streams.stream().filter(s -> s.status == status).count();
    }

    /** @return the number of streams opened */
    public int size() {
        return streams.size();
    }

    /**
     * Reads each stream until {@code text} has arrived on it or the time is up (one deadline for all).
     *
     * @return how many streams received it
     */
    public int awaitOnEach(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int got = 0;
        byte[] buf = new byte[8192];
        for (Stream s : streams) {
            try {
                while (!s.received.toString(StandardCharsets.UTF_8).contains(text)) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    s.socket.setSoTimeout((int) Math.max(1, left));
                    int n = s.socket.getInputStream().read(buf);
                    if (n < 0) {
                        break;
                    }
                    s.received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // counted as not received below
            } catch (IOException e) {
                // a stream the hub closed: not received
            }
            if (s.received.toString(StandardCharsets.UTF_8).contains(text)) {
                got++;
            }
        }
        return got;
    }

    /** @return the statuses seen, for assertion messages: e.g. {@code {200=900, 429=100}} */
    public String describe() {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Stream s : streams) {
            byStatus.merge(s.status, 1, Integer::sum);
        }
        return "statuses of " + streams.size() + " streams: " + byStatus;
    }

    /** Closes every socket (the hub sees the clients go away). */
    @Override
    public void close() {
        for (Stream s : streams) {
            try {
                s.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
