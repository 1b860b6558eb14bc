package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RawStreams;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.mercurejakarta.server.MetricsIT.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configurable limit of the standalone hub over real HTTP, set through its options and environment
 * variables: the status the spec asks for, a hub that keeps serving afterwards, and the refusal counted in
 * {@code /metrics}. And the defaults: many clients from one address (a proxy, a NAT) are all served.
 */
class LimitsIT {

    private static final String SECRET = "a-secret-for-the-limits-IT-of-the-standalone-hub";
    private static final String TOPIC = "https://example.com/limits";

    private static HubProcess hub;

    @BeforeAll
    static void start() {
        // half through the command line, half through the environment: both sources reach the same keys
        hub = HubProcess.startHub(List.of("--secret", SECRET,
                "--max-connections", "4",
                "--max-connections-per-address", "2",
                "--trusted-proxies", "127.0.0.1, ::1",
                "--max-selectors", "3"), Map.of(
                "MERCURE_HUB_MAX_SELECTOR_LENGTH", "64",
                "MERCURE_HUB_MAX_TOPICS", "2",
                "MERCURE_HUB_MAX_BODY_SIZE", "200"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static SseClient subscribe(String forwardedFor) {
        SseClient.Builder b = SseClient.to(hub.hubUrl("topic=" + enc(TOPIC)));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return b.open();
    }

    @Test
    void connectionsPerAddressAndInTotalAreRefusedWith429AndRetryAfter() {
        MetricsEndpoint before = MetricsEndpoint.scrape(hub);
        List<SseClient> open = new ArrayList<>();
        try {
            // the peer, 127.0.0.1, is a trusted proxy: each X-Forwarded-For client counts on its own
            open.add(subscribe("203.0.113.1"));
            open.add(subscribe("198.51.100.9, 203.0.113.1"));   // right-most untrusted hop: 203.0.113.1 again
            for (SseClient c : open) {
                assertEquals(200, c.status(), c.describe());
            }
            try (SseClient third = subscribe("203.0.113.1")) {
                assertEquals(429, third.status(), "a third stream from one address; " + third.describe());
                assertNotNull(third.header("Retry-After"), "429 carries Retry-After");
            }
            open.add(subscribe("203.0.113.2"));
            open.add(subscribe("203.0.113.3"));
            for (SseClient c : open) {
                assertEquals(200, c.status(), c.describe());
            }
            try (SseClient fifth = subscribe("203.0.113.4")) {
                assertEquals(429, fifth.status(), "a fifth stream on a hub allowing four; " + fifth.describe());
                assertTrue(Integer.parseInt(fifth.header("Retry-After")) > 0, "Retry-After in seconds");
            }
            MetricsEndpoint after = MetricsEndpoint.scrape(hub);
            assertEquals(before.value("mercure_limit_rejections_total{limit=\"connections_per_address\"}") + 1,
                    after.value("mercure_limit_rejections_total{limit=\"connections_per_address\"}"));
            assertEquals(before.value("mercure_limit_rejections_total{limit=\"connections\"}") + 1,
                    after.value("mercure_limit_rejections_total{limit=\"connections\"}"));
        } finally {
            open.forEach(SseClient::close);
        }
        // closed streams free their places (the hub notices at the next write: keep-alive or update)
        HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", "wake"), "Authorization", "Bearer " + hub.draft07Token());
        awaitStatus200("203.0.113.1");
    }

    @Test
    void withTheDefaultsAThousandStreamsFromOneAddressAreAllServed() {
        try (HubProcess defaults = HubProcess.startHub(List.of("--secret", SECRET), Map.of());
             RawStreams streams = RawStreams.open(defaults.hubUrl("topic=" + enc(TOPIC)), 1000, Duration.ofSeconds(10))) {
            assertEquals(1000, streams.countWithStatus(200), "every stream from 127.0.0.1 is served; " + streams.describe());
            String marker = "reaches-all-" + System.nanoTime();
            HttpResponse<String> published = HttpCalls.postForm(defaults.hubUrl(), Form.of("topic", TOPIC, "data", marker),
                    "Authorization", "Bearer " + defaults.draft07Token());
            assertEquals(200, published.statusCode(), published.body());
            assertEquals(1000, streams.awaitOnEach(marker, Duration.ofSeconds(30)), "the update reaches every stream");
        }
    }

    @Test
    void anUntrustedPeerCannotDodgeThePerAddressLimitWithXForwardedFor() {
        try (HubProcess strict = HubProcess.startHub(List.of("--secret", SECRET),
                Map.of("MERCURE_HUB_MAX_CONNECTIONS_PER_ADDRESS", "1"));
             SseClient first = SseClient.to(strict.hubUrl("topic=" + enc(TOPIC))).header("X-Forwarded-For", "203.0.113.50").open()) {
            assertEquals(200, first.status(), first.describe());
            try (SseClient second = SseClient.to(strict.hubUrl("topic=" + enc(TOPIC))).header("X-Forwarded-For", "203.0.113.51").open()) {
                assertEquals(429, second.status(), "without mercure.hub.trusted.proxies the header is ignored: both are 127.0.0.1; "
                        + second.describe());
            }
        }
    }

    @Test
    void selectorCountAndLengthAreRefusedWith400() {
        MetricsEndpoint before = MetricsEndpoint.scrape(hub);
        HttpResponse<String> many = HttpCalls.get(hub.hubUrl("topic=a&topic=b&topic=c&topic=d"));
        assertEquals(400, many.statusCode(), "four selectors, at most three; " + many.body());
        HttpResponse<String> longOne = HttpCalls.get(hub.hubUrl("topic=" + enc("https://example.com/" + "x".repeat(60))));
        assertEquals(400, longOne.statusCode(), "a selector over 64 characters; " + longOne.body());
        assertTrue(longOne.body().contains("64"), "the answer names the limit: " + longOne.body());
        HttpResponse<String> longPattern = HttpCalls.get(hub.hubUrl("match_urlpattern=" + enc("https://example.com/:a/" + "*/".repeat(30))));
        assertEquals(400, longPattern.statusCode(), "a URL pattern over 64 characters; " + longPattern.body());
        MetricsEndpoint after = MetricsEndpoint.scrape(hub);
        assertEquals(before.value("mercure_limit_rejections_total{limit=\"selectors\"}") + 1,
                after.value("mercure_limit_rejections_total{limit=\"selectors\"}"));
        assertEquals(before.value("mercure_limit_rejections_total{limit=\"selector_length\"}") + 2,
                after.value("mercure_limit_rejections_total{limit=\"selector_length\"}"));
    }

    @Test
    void topicsPerUpdateAreRefusedWith400AndABodyOverTheLimitWith413() {
        MetricsEndpoint before = MetricsEndpoint.scrape(hub);
        HttpResponse<String> topics = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", "https://e.x/1", "topic", "https://e.x/2",
                "topic", "https://e.x/3", "data", "x"), "Authorization", "Bearer " + hub.draft07Token());
        assertEquals(400, topics.statusCode(), "three topics, at most two; " + topics.body());
        HttpResponse<String> big = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", "x".repeat(300)),
                "Authorization", "Bearer " + hub.draft07Token());
        assertEquals(413, big.statusCode(), "a body over 200 bytes; " + big.body());
        HttpResponse<String> fine = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", "fits"),
                "Authorization", "Bearer " + hub.draft07Token());
        assertEquals(200, fine.statusCode(), "the hub still accepts an update within the limits; " + fine.body());
        MetricsEndpoint after = MetricsEndpoint.scrape(hub);
        assertEquals(before.value("mercure_limit_rejections_total{limit=\"topics\"}") + 1,
                after.value("mercure_limit_rejections_total{limit=\"topics\"}"));
        assertEquals(before.value("mercure_limit_rejections_total{limit=\"body_size\"}") + 1,
                after.value("mercure_limit_rejections_total{limit=\"body_size\"}"));
    }

    @Test
    void refusalsAreLoggedOncePerMinuteNotOncePerRequest() {
        for (int i = 0; i < 20; i++) {
            HttpCalls.get(hub.hubUrl("topic=a&topic=b&topic=c&topic=d&topic=e"));
        }
        long logged = hub.stderrLines().stream().filter(l -> l.contains("MERCURE0401W") && l.contains("mercure.hub.max.selectors")).count();
        assertEquals(1, logged, "twenty refusals, one message; " + hub.output());
    }

    private static void awaitStatus200(String forwardedFor) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (SseClient c = subscribe(forwardedFor)) {
                if (c.status() == 200) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a place never freed up after the streams were closed");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
