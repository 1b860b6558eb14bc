package io.github.mercurejakarta.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A subscriber on a plain socket, as a browser tab that goes away: it sends the GET, reads the response
 * byte by byte counting the comment lines of the body (the opening comment, keep-alives), and closes its
 * socket without a word. For tests of what the hub notices, and when.
 *
 * <pre>{@code
 * try (RawSseSubscriber raw = new RawSseSubscriber(hubUri("topic=x"))) {
 *     long opened = raw.awaitComments(1, Duration.ofSeconds(10));  // the opening comment
 *     long keepAlive = raw.awaitComments(2, Duration.ofSeconds(20));
 *     long closed = raw.disconnect();                               // an orderly close (FIN)
 * }
 * }</pre>
 */
public final class RawSseSubscriber implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final StringBuilder text = new StringBuilder();
    private int comments;

    /** Connects and sends {@code GET uri} ({@code Accept: text/event-stream}); nothing is read yet. */
    public RawSseSubscriber(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
    }

    /**
     * Reads until the body held {@code n} comment lines (a line that starts with ':'; chunk-size lines
     * never do).
     *
     * @return {@code System.nanoTime()} when the n-th comment had arrived
     * @throws AssertionError when they do not arrive in time, the hub refuses the subscription or ends it
     */
    public long awaitComments(int n, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (comments < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(comments + " comment(s) after " + timeout + ", expected " + n + ": " + text);
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (b < 0) {
                throw new AssertionError("the hub ended the stream: " + text);
            }
            int body = text.indexOf("\r\n\r\n");
            if (b == ':' && body >= 0 && text.charAt(text.length() - 1) == '\n') {
                comments++;
            }
            text.append((char) b);
            if (body < 0 && text.indexOf("\r\n\r\n") >= 0 && !text.toString().startsWith("HTTP/1.1 200")) {
                throw new AssertionError("the hub refused the subscription: " + text);
            }
        }
        return System.nanoTime();
    }

    /**
     * Reads what is left of the last write (a chunk's trailing line break, Jersey's extra LF), then
     * closes: a socket closed with unread input sends a reset, which the server's next write sees at
     * once, whereas an orderly close (FIN) is the case where a write into it still succeeds.
     *
     * @return {@code System.nanoTime()} when the socket was closed
     */
    public long disconnect() throws IOException {
        if (socket.isClosed()) {
            return System.nanoTime();
        }
        socket.setSoTimeout(200);
        try {
            while (in.read() >= 0) {
                // drained until the hub has nothing more to say for 200 ms
            }
        } catch (SocketTimeoutException e) {
            // nothing left
        } catch (IOException e) {
            // the hub closed first
        }
        socket.close();
        return System.nanoTime();
    }

    /** {@link #disconnect()}, for try-with-resources (idempotent). */
    @Override
    public void close() throws IOException {
        disconnect();
    }
}
