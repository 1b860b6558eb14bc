package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.mercurejakarta.server.MetricsIT.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mercure.hub.connection.lifetime: streams are ended cleanly after lifetime ± jitter, and a client that
 * reconnects with Last-Event-ID, as EventSource does, receives every update exactly once across the
 * rotations.
 */
class ConnectionLifetimeIT {

    private static final String TOPIC = "https://example.com/lifetime";
    private static final int UPDATES = 120;

    @Test
    void aRotatingClientReconnectingWithLastEventIdLosesAndRepeatsNothing() throws Exception {
        try (HubProcess hub = HubProcess.startHub(List.of("--secret", "a-secret-for-the-lifetime-IT-of-the-hub"),
                Map.of("MERCURE_HUB_CONNECTION_LIFETIME", "2", "MERCURE_HUB_CONNECTION_LIFETIME_JITTER", "1"))) {
            List<String> received = new ArrayList<>();
            AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
            int connections = 0;
            SseClient sse = SseClient.open(hub.hubUrl("topic=" + enc(TOPIC)));
            connections++;
            assertEquals(200, sse.status(), sse.describe());
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; i < UPDATES; i++) {
                        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "id", "u" + i,
                                "data", "update " + i), "Authorization", "Bearer " + hub.draft07Token());
                        if (r.statusCode() != 200) {
                            throw new AssertionError("publish " + i + ": " + r.statusCode() + " " + r.body());
                        }
                        Thread.sleep(50); // 120 updates over ~6 s: two to five rotations
                    }
                } catch (Throwable t) {
                    publisherFailure.set(t);
                }
            }, "lifetime-publisher");
            publisher.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            try {
                while (received.size() < UPDATES && System.nanoTime() < deadline) {
                    if (!sse.noEventWithin(Duration.ofMillis(100))) {
                        SseEvent e = sse.next(Duration.ofSeconds(1));
                        received.add(e.id());
                    } else if (sse.awaitEnd(Duration.ZERO) && sse.noEventWithin(Duration.ofMillis(20))) {
                        // the hub ended the stream: reconnect as EventSource does, with the last id seen
                        assertTrue(sse.failure() == null, "a clean end, not a failure: " + sse.describe());
                        String last = received.isEmpty() ? null : received.get(received.size() - 1);
                        sse.close();
                        SseClient.Builder b = SseClient.to(hub.hubUrl("topic=" + enc(TOPIC)));
                        if (last != null) {
                            b.lastEventId(last);
                        }
                        sse = b.open();
                        connections++;
                        assertEquals(200, sse.status(), sse.describe());
                    }
                }
            } finally {
                sse.close();
                publisher.join(30_000);
            }
            assertTrue(publisherFailure.get() == null, "publishing failed: " + publisherFailure.get());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < UPDATES; i++) {
                expected.add("u" + i);
            }
            assertEquals(expected, received, "every update once, in order, across " + connections + " connections");
            assertTrue(connections >= 3, "the streams were rotated (lifetime 2 s ± 1 s over ~6 s): " + connections + " connections");
            System.out.printf("connection lifetime: %d updates over %d connections, none lost or repeated%n", UPDATES, connections);
            MetricsEndpoint m = MetricsEndpoint.scrape(hub);
            assertTrue(m.value("mercure_disconnects_total{cause=\"lifetime\"}") >= connections - 1,
                    "each rotation is counted as cause=lifetime");
        }
    }
}
