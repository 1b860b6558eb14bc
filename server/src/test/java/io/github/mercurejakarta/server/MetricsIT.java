package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone hub's Prometheus endpoint over real HTTP: its format, and counters that move by exactly
 * what real subscribers, publications and disconnections did. One hub process for this class alone, so
 * that no other test's traffic moves the counters; the tests here run one after another.
 */
class MetricsIT {

    private static final String SECRET = "a-secret-for-the-metrics-IT-of-the-standalone-hub";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static HubProcess hub;

    @BeforeAll
    static void start() {
        // subscription events off: they are private updates of the hub's own, dispatched to nobody here,
        // but keeping them out makes "published" exactly the test's publications
        hub = HubProcess.startHub(List.of("--secret", SECRET, "--keepalive-interval", "1", "--no-subscriptions"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void exposesEveryFamilyWithHelpAndTypeLinesAndAHistogram() {
        MetricsEndpoint m = MetricsEndpoint.scrape(hub);
        for (String[] family : new String[][] {{"mercure_subscribers", "gauge"}, {"mercure_subscriptions", "gauge"},
                {"mercure_updates_published_total", "counter"}, {"mercure_updates_dispatched_total", "counter"},
                {"mercure_disconnects_total", "counter"}, {"mercure_limit_rejections_total", "counter"},
                {"mercure_dispatch_latency_seconds", "histogram"}}) {
            assertTrue(m.text().contains("\n# HELP " + family[0] + " ") || m.text().startsWith("# HELP " + family[0] + " "),
                    "a HELP line for " + family[0] + "; " + m.text());
            assertTrue(m.text().contains("# TYPE " + family[0] + " " + family[1] + "\n"), "TYPE " + family[1] + " for " + family[0]);
        }
        for (String cause : List.of("client_gone", "queue_overflow", "write_timeout", "token_expired", "shutdown", "closed", "lifetime")) {
            m.value("mercure_disconnects_total{cause=\"" + cause + "\"}");
        }
        assertEquals(m.value("mercure_dispatch_latency_seconds_count"), m.value("mercure_dispatch_latency_seconds_bucket{le=\"+Inf\"}"),
                "the +Inf bucket counts every observation");
        assertTrue(m.text().endsWith("\n"), "the exposition ends with a line break");
    }

    @Test
    void countersFollowSubscribePublishAndDisconnect() throws Exception {
        String topic = "https://example.com/metrics/" + UUID.randomUUID();
        MetricsEndpoint before = MetricsEndpoint.scrape(hub);
        try (SseClient one = SseClient.open(hub.hubUrl("topic=" + enc(topic)));
             SseClient two = SseClient.open(hub.hubUrl("topic=" + enc(topic) + "&topic=" + enc(topic + "/{x}")))) {
            assertEquals(200, one.status(), one.describe());
            assertEquals(200, two.status(), two.describe());
            MetricsEndpoint open = MetricsEndpoint.scrape(hub);
            assertEquals(before.value("mercure_subscribers") + 2, open.value("mercure_subscribers"), "two streams opened");
            assertEquals(before.value("mercure_subscriptions") + 3, open.value("mercure_subscriptions"),
                    "three selectors: one subscription each");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", topic, "data", "m" + i),
                        "Authorization", "Bearer " + hub.draft07Token());
                assertEquals(200, r.statusCode(), r.body());
            }
            one.nextN(3, WAIT);
            two.nextN(3, WAIT);
            MetricsEndpoint after = MetricsEndpoint.scrape(hub);
            assertEquals(before.value("mercure_updates_published_total") + 3, after.value("mercure_updates_published_total"),
                    "three updates published");
            assertEquals(before.value("mercure_updates_dispatched_total") + 6, after.value("mercure_updates_dispatched_total"),
                    "three updates to two subscribers: six deliveries");
            assertTrue(after.value("mercure_dispatch_latency_seconds_count") >= before.value("mercure_dispatch_latency_seconds_count") + 2,
                    "each subscriber's writes were timed");
            assertTrue(after.value("mercure_dispatch_latency_seconds_sum") > before.value("mercure_dispatch_latency_seconds_sum"),
                    "the latency sum grew");

            one.close(); // the client goes away: Netty notices at once, the JAX-RS front end at a keep-alive's probe (within ~2 s)
            awaitTrue(() -> MetricsEndpoint.scrape(hub).value("mercure_subscribers") == before.value("mercure_subscribers") + 1,
                    "the closed stream is dropped");
            MetricsEndpoint dropped = MetricsEndpoint.scrape(hub);
            double ended = dropped.value("mercure_disconnects_total{cause=\"client_gone\"}")
                    + dropped.value("mercure_disconnects_total{cause=\"closed\"}")
                    - before.value("mercure_disconnects_total{cause=\"client_gone\"}")
                    - before.value("mercure_disconnects_total{cause=\"closed\"}");
            assertEquals(1, ended, "one disconnect, counted as the client having gone");
            assertEquals(before.value("mercure_subscriptions") + 2, dropped.value("mercure_subscriptions"),
                    "its subscription is gone, the other stream's two remain");
        }
    }

    @Test
    void anExpiredTokenIsCountedAsItsOwnCause() throws Exception {
        MetricsEndpoint before = MetricsEndpoint.scrape(hub);
        String token = new TokenFactory().draft07(SigningKey.hmac(SECRET), null, List.of("*"), null, Duration.ofSeconds(2));
        try (SseClient sse = SseClient.to(hub.hubUrl("topic=" + enc("https://example.com/expiring"))).authorization(token).open()) {
            assertEquals(200, sse.status(), sse.describe());
            assertTrue(sse.awaitEnd(WAIT), "the hub ends the stream when the token expires; " + sse.describe());
            awaitTrue(() -> MetricsEndpoint.scrape(hub).value("mercure_disconnects_total{cause=\"token_expired\"}")
                    == before.value("mercure_disconnects_total{cause=\"token_expired\"}") + 1, "counted as token_expired");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
