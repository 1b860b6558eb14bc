package io.github.mercurejakarta.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.RawSseSubscriber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idle stream at the default keep-alive interval (15 s), on the front end under test: its first
 * keep-alive comes at most one interval after its last write, and a subscriber that then closes its
 * socket is found gone — at once by the Netty front end, which reads every connection; within an interval
 * and a second by the JAX-RS front end, where only a write finds it (a keep-alive's probes).
 */
class IdleStreamIT {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.startHub(List.of("--secret", "idle-stream-it-secret-of-at-least-32-bytes"), Map.of());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aKeepAliveAtMostOneIntervalAfterTheLastWriteAndAClosedClientFoundGone() throws Exception {
        String topic = "https://example.com/idle/" + System.nanoTime();
        double before = MetricsEndpoint.scrape(hub).value("mercure_subscribers");
        try (RawSseSubscriber raw = new RawSseSubscriber(hub.hubUrl("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)))) {
            long opened = raw.awaitComments(1, Duration.ofSeconds(10)); // the opening comment: the stream's last write
            long keepAlive = raw.awaitComments(2, INTERVAL.plusSeconds(5));
            Duration idle = Duration.ofNanos(keepAlive - opened);
            System.out.printf("[%s] keep-alive %d ms after the stream's last write%n", HubProcess.frontEnd(), idle.toMillis());
            assertTrue(idle.compareTo(INTERVAL.plusMillis(500)) <= 0, "a keep-alive at most one interval after the last write: " + idle);
            assertTrue(idle.compareTo(INTERVAL.minusSeconds(1)) >= 0, "and not much earlier: the interval is not shortened: " + idle);
            assertTrue(MetricsEndpoint.scrape(hub).value("mercure_subscribers") == before + 1, "the stream is open");

            long closed = raw.disconnect();
            boolean netty = "netty".equals(HubProcess.frontEnd());
            // Netty: at once; JAX-RS: the keep-alive's probes (this close comes before them), else the next keep-alive's
            Duration bound = netty ? Duration.ofSeconds(1) : INTERVAL.plusSeconds(2);
            long deadline = closed + bound.toNanos();
            while (MetricsEndpoint.scrape(hub).value("mercure_subscribers") > before) {
                assertTrue(System.nanoTime() < deadline, "the closed stream is still counted " + bound + " after the close");
                Thread.sleep(50);
            }
            System.out.printf("[%s] closed subscriber dropped after %d ms%n", HubProcess.frontEnd(),
                    (System.nanoTime() - closed) / 1_000_000);
        }
    }
}
