package io.github.mercurejakarta.server;

import static io.github.mercurejakarta.server.MetricsIT.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away are the ordinary life of an SSE hub, not errors: forty subscribers reset or close
 * their connections in the middle of their streams while updates keep coming, the hub counts them as
 * {@code client_gone}, and its log holds no stack trace and no exception (the JAX-RS front end's
 * RESTEasy and reactor-netty logged several per disconnect; see {@code ClientGoneFilter}).
 */
class DisconnectLogIT {

    private static final String SECRET = "disconnect-log-secret-long-enough-for-hs256";

    @Test
    void subscribersThatVanishLeaveNoStackTraceInTheLog() throws Exception {
        try (HubProcess hub = HubProcess.startHub(List.of("--secret", SECRET, "--keepalive-interval", "1", "--no-subscriptions"), Map.of())) {
            String topic = "https://example.com/vanishing/" + UUID.randomUUID();
            double goneBefore = MetricsEndpoint.scrape(hub).value("mercure_disconnects_total{cause=\"client_gone\"}");
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sockets.add(subscribe(hub.hubUrl("topic=" + enc(topic))));
            }
            publish(hub, topic, "before");
            for (int i = 0; i < sockets.size(); i++) {
                Socket s = sockets.get(i);
                if (i % 2 == 0) {
                    s.setSoLinger(true, 0); // a reset, like a killed browser tab behind a proxy
                }
                s.close();
            }
            for (int i = 0; i < 10; i++) {
                publish(hub, topic, "after " + i); // each write to a vanished client fails
                Thread.sleep(100);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            double gone;
            while ((gone = MetricsEndpoint.scrape(hub).value("mercure_disconnects_total{cause=\"client_gone\"}")) < goneBefore + 40
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(goneBefore + 40, gone, "every vanished subscriber counted as client_gone; " + hub.output());
            Thread.sleep(1500); // a keep-alive round more, for late records
            List<String> noise = Stream.concat(hub.stdoutLines().stream(), hub.stderrLines().stream())
                    .filter(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains(" ERROR ") || l.contains(" SEVERE "))
                    .toList();
            assertTrue(noise.isEmpty(), "no exception or stack trace in the log (" + noise.size() + " lines), e.g. "
                    + noise.subList(0, Math.min(5, noise.size())));
        }
    }

    private static Socket subscribe(URI u) throws Exception {
        Socket socket = new Socket(u.getHost(), u.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int c = in.read();
            assertTrue(c >= 0, "the response head arrives: " + head);
            head.append((char) c);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        return socket;
    }

    private static void publish(HubProcess hub, String topic, String data) {
        var r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", topic, "data", data),
                "Authorization", "Bearer " + hub.draft07Token());
        assertEquals(200, r.statusCode(), r.body());
    }
}
