package io.github.mercurejakarta.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives {@link SseClient} and {@link HttpCalls} against a hand-written HTTP/1.1 server on a raw socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SseClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private ServerSocket server;
    private URI uri;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/sse?topic=a");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Reads the request head (up to the blank line). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static final String SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static String chunk(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(b.length) + "\r\n" + s + "\r\n";
    }

    @Test
    void headersEventsCommentsRawBytesAndCloseDropsTheConnection() throws Exception {
        try (SseClient sse = SseClient.to(uri).authorization("tok").lastEventId("urn:x").cookie("c", "v").open();
                Socket socket = server.accept()) {
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("GET /sse?topic=a HTTP/1.1"), head);
            assertTrue(head.contains("Authorization: Bearer tok"), head);
            assertTrue(head.contains("Last-Event-ID: urn:x"), head);
            assertTrue(head.contains("Cookie: c=v"), head);
            assertTrue(head.contains("Accept: text/event-stream"), head);

            OutputStream out = socket.getOutputStream();
            write(out, SSE_HEAD);
            assertEquals(200, sse.status());
            assertEquals("text/event-stream", sse.header("content-type"));

            String body = ":ok\n\nid: 1\nevent: e\ndata: a\ndata: b\n\n";
            write(out, chunk(body));
            write(out, chunk("retry: 500\ndata: c\r\n\r\n"));
            List<SseEvent> events = sse.nextN(2, WAIT);
            assertEquals(new SseEvent("1", "e", "a\nb", null), events.get(0));
            assertEquals(new SseEvent(null, null, "c", 500L), events.get(1));
            assertEquals("ok", sse.nextComment(WAIT));
            assertEquals(1, sse.commentCount());
            assertEquals("1", sse.lastEventId());
            assertEquals(500L, sse.retry());
            assertArrayEquals((body + "retry: 500\ndata: c\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                    sse.receivedBytes());

            assertTrue(sse.noEventWithin(Duration.ofMillis(200)));
            write(out, chunk("data: late\n\n"));
            sse.awaitReceivedText("late", WAIT);
            assertFalse(sse.noEventWithin(Duration.ofMillis(200)));
            assertEquals("late", sse.next(WAIT).data(), "the event seen by noEventWithin stays queued");

            AssertionError timeout = assertThrows(AssertionError.class, () -> sse.next(Duration.ofMillis(100)));
            assertTrue(timeout.getMessage().contains("no event within"), timeout.getMessage());
            assertTrue(timeout.getMessage().contains("status=200"), timeout.getMessage());

            sse.close();
            socket.setSoTimeout(5_000);
            assertEquals(-1, socket.getInputStream().read(), "server must see the client close the connection");
        }
    }

    @Test
    void closeBeforeHeadersAlsoDropsTheConnection() throws Exception {
        SseClient sse = SseClient.to(uri).headersTimeout(Duration.ofMillis(200)).open();
        try (Socket socket = server.accept()) {
            readHead(socket.getInputStream());
            AssertionError noHead = assertThrows(AssertionError.class, sse::status);
            assertTrue(noHead.getMessage().contains("no response headers"), noHead.getMessage());
            sse.close();
            socket.setSoTimeout(5_000);
            assertEquals(-1, socket.getInputStream().read(), "server must see the client close the connection");
        }
    }

    @Test
    void serverEndAndNonSseAnswerAreVisible() throws Exception {
        try (SseClient sse = SseClient.open(uri); Socket socket = server.accept()) {
            readHead(socket.getInputStream());
            write(socket.getOutputStream(),
                    "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nnope\n\n");
            assertEquals(401, sse.status());
            assertTrue(sse.awaitEnd(WAIT));
            assertEquals("nope\n\n", sse.receivedText());
            assertEquals(0, sse.eventCount());
        }
    }

    @Test
    void postFormSendsEncodedBodyAndHeaders() throws Exception {
        Thread serverThread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String answer = head.split("\r\n")[0] + "|" + head.contains("Content-Type: application/x-www-form-urlencoded")
                        + "|" + head.contains("Authorization: Bearer j") + "|" + body;
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nX-Id: 42\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n" + answer);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        serverThread.start();
        HttpResponse<String> r = HttpCalls.postForm(uri.resolve("/pub"), Form.of("topic", "a b", "topic", "c", "data", "x"),
                "Authorization", "Bearer j");
        serverThread.join(5_000);
        assertEquals(200, r.statusCode());
        assertEquals("42", r.headers().firstValue("x-id").orElseThrow());
        assertEquals("POST /pub HTTP/1.1|true|true|topic=a+b&topic=c&data=x", r.body());
    }
}
