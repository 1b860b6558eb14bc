package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.PostgresServer;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standalone hub processes ({@code mercure.jar hub --transport postgresql://...}) and a real PostgreSQL
 * server act as one hub: delivery across nodes (of updates larger than a NOTIFY payload too), one order,
 * a node killed with SIGKILL whose clients reconnect to another node with {@code Last-Event-ID} and miss
 * nothing and get nothing twice, a new node replaying what a killed one acknowledged, a restart of
 * PostgreSQL (503 meanwhile, readiness DOWN, open streams resume), and the subscriptions API of the cluster.
 */
class PostgresClusterIT {

    static final String SECRET = "a-secret-shared-by-every-node-of-the-cluster";
    static final Duration WAIT = Duration.ofSeconds(30);

    static PostgresServer pg;
    static HubProcess nodeA;
    static HubProcess nodeB;

    @BeforeAll
    static void startCluster() {
        pg = PostgresServer.start();
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, pg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static HubProcess node() {
        return HubProcess.startHub(List.of("--secret", SECRET, "--transport", pg.url(), "--keepalive-interval", "1",
                "--reconciliation-length", "5000"), Map.of());
    }

    static String newTopic() {
        return "https://example.com/pg-cluster/" + UUID.randomUUID();
    }

    static URI subscribeUrl(HubProcess node, String topic) {
        return node.hubUrl("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }

    static SseClient subscribe(HubProcess node, String topic) {
        SseClient sse = SseClient.open(subscribeUrl(node, topic));
        assertEquals(200, sse.status(), sse.describe());
        return sse;
    }

    static HttpResponse<String> publish(HubProcess node, String topic, String data) {
        return HttpCalls.postForm(node.hubUrl(), Form.of("topic", topic, "data", data), "Authorization", "Bearer " + node.draft07Token());
    }

    static String publishOk(HubProcess node, String topic, String data) {
        HttpResponse<String> r = publish(node, topic, data);
        assertEquals(200, r.statusCode(), "publishing is accepted: " + r.body());
        return r.body();
    }

    static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }

    @Test
    void updatesOfAnySizeCrossNodesOnceInOneOrder() throws Exception {
        String topic = newTopic();
        // 200,000 bytes: 25 times what one NOTIFY payload may carry
        String big = "x".repeat(200_000);
        List<SseClient> subscribers = List.of(subscribe(nodeA, topic), subscribe(nodeB, topic), subscribe(nodeB, topic));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            publishOk(nodeA, topic, big);
            for (SseClient s : subscribers) {
                assertEquals(big, s.next(WAIT).data(), "the large update arrives whole on every node");
            }
            List<Future<?>> publishers = new ArrayList<>();
            for (HubProcess node : List.of(nodeA, nodeB)) {
                for (int w = 0; w < 2; w++) {
                    String tag = (node == nodeA ? "A" : "B") + w;
                    publishers.add(pool.submit(() -> {
                        for (int i = 0; i < 150; i++) {
                            publishOk(node, topic, tag + "-" + i);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : publishers) {
                f.get(2, TimeUnit.MINUTES);
            }
            List<String> first = data(subscribers.get(0).nextN(600, WAIT));
            assertEquals(600, first.stream().distinct().count(), "every update arrives once");
            for (int s = 1; s < subscribers.size(); s++) {
                assertEquals(first, data(subscribers.get(s).nextN(600, WAIT)), "subscriber " + s + " sees the same sequence");
                assertTrue(subscribers.get(s).noEventWithin(Duration.ofMillis(300)), "and nothing more");
            }
        } finally {
            pool.shutdownNow();
            subscribers.forEach(SseClient::close);
        }
    }

    @Test
    void subscriberOfANodeKilledWithSigkillReconnectsToAnotherWithLastEventIdAndMissesNothing() throws Exception {
        String topic = newTopic();
        HubProcess doomed = node();
        List<String> published = new ArrayList<>();
        List<String> received = new ArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SseClient first = subscribe(doomed, topic);
            Future<?> publisher = pool.submit(() -> {
                for (int i = 0; publishing.get(); i++) {
                    publishOk(nodeA, topic, "k" + i);
                    synchronized (published) {
                        published.add("k" + i);
                    }
                }
                return null;
            });
            received.addAll(data(first.nextN(20, WAIT)));
            doomed.kill();
            assertTrue(first.awaitEnd(WAIT), "the stream of the killed node ends");
            while (!first.noEventWithin(Duration.ZERO)) {
                received.add(first.next(WAIT).data());
            }
            String lastId = first.lastEventId();
            first.close();
            try (SseClient second = SseClient.to(subscribeUrl(nodeB, topic)).lastEventId(lastId).open()) {
                assertEquals(200, second.status(), second.describe());
                Thread.sleep(300); // some updates go live on the new stream, after its replay
                publishing.set(false);
                publisher.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                int missing;
                synchronized (published) {
                    missing = published.size() - received.size();
                }
                received.addAll(data(second.nextN(missing, WAIT)));
                assertTrue(second.noEventWithin(Duration.ofMillis(500)), "nothing more than what was published arrives");
            }
            assertEquals(published, received, "after the kill and the reconnection to another node, the subscriber has "
                    + "every update once, in order");
        } finally {
            publishing.set(false);
            pool.shutdownNow();
            doomed.close();
        }
    }

    /** A node killed halfway through 2,000 publications (8 in flight); a new node replays everything it acknowledged, once. */
    @Test
    void aNodeKilledMidPublishLosesNothingItAcknowledgedAndANewNodeReplaysItOnce() throws Exception {
        String topic = newTopic();
        HubProcess doomed = node();
        HubProcess successor = null;
        try {
            String first = publishOk(doomed, topic, "first");
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            ExecutorService inFlight = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                inFlight.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < 2000) {
                        HttpResponse<String> r;
                        try {
                            r = publish(doomed, topic, "u" + i);
                        } catch (AssertionError connectionLost) {
                            return; // the node is gone: this one was not acknowledged
                        }
                        if (r.statusCode() != 200) {
                            return;
                        }
                        acknowledged.add(r.body());
                    }
                });
            }
            while (acknowledged.size() < 1000) {
                Thread.sleep(1);
            }
            doomed.kill();
            inFlight.shutdown();
            assertTrue(inFlight.awaitTermination(30, TimeUnit.SECONDS), "the publishers stop once the node is gone");
            List<String> acked = List.copyOf(acknowledged);
            assertTrue(acked.size() < 2000, "the kill came before the publishers were done");

            successor = node();
            try (SseClient resumed = SseClient.to(subscribeUrl(successor, topic)).lastEventId(first).open()) {
                assertEquals(200, resumed.status(), resumed.describe());
                Set<String> wanted = new HashSet<>(acked);
                List<String> received = new ArrayList<>();
                while (!wanted.isEmpty()) {
                    String id = resumed.next(WAIT).id();
                    received.add(id);
                    wanted.remove(id);
                }
                assertEquals(received.size(), new HashSet<>(received).size(), "no update arrives twice");
                assertFalse(resumed.awaitEnd(Duration.ofMillis(200)), "the stream is still open after the replay");
            }
        } finally {
            doomed.close();
            if (successor != null) {
                successor.close();
            }
        }
    }

    @Test
    void postgresRestartAnswers503MeanwhileReadinessSaysSoAndOpenStreamsResume() {
        String topic = newTopic();
        try (SseClient onA = subscribe(nodeA, topic); SseClient onB = subscribe(nodeB, topic)) {
            publishOk(nodeA, topic, "before");
            assertEquals("before", onB.next(WAIT).data(), "delivered before the outage");
            assertEquals("before", onA.next(WAIT).data(), "delivered before the outage");
            pg.stop();
            HttpResponse<String> during = publish(nodeB, topic, "during");
            assertEquals(503, during.statusCode(), "a publish during the outage gets 503: " + during.body());
            HttpResponse<String> down = HealthIT.await(nodeA, "/ready", 503);
            assertTrue(down.body().contains("\"status\":\"DOWN\"") && down.body().contains("\"error\":"),
                    "readiness is DOWN and says why: " + down.body());
            assertFalse(down.body().contains(PostgresServer.PASSWORD + "@"), "without the password: " + down.body());
            assertEquals(200, HealthIT.get(nodeA, "/live").statusCode(), "an unreachable database does not make the hub dead");
            pg.restart();
            HealthIT.await(nodeA, "/ready", 200);
            HealthIT.await(nodeB, "/ready", 200);
            // once ready, the first publish works: a connection broken by the restart is replaced, not reported
            publishOk(nodeB, topic, "after");
            publishOk(nodeA, topic, "after 2");
            assertEquals(List.of("after", "after 2"), data(onA.nextN(2, WAIT)), "node A's stream stayed open and resumes");
            assertEquals(List.of("after", "after 2"), data(onB.nextN(2, WAIT)), "node B's stream stayed open and resumes");
            assertTrue(onA.noEventWithin(Duration.ofMillis(300)), "the refused update never arrives");
            nodeA.awaitStderr(l -> l.contains("MERCURE1003I"), WAIT);
            assertEquals(1, HealthIT.count(nodeA, "MERCURE1003I"), "the return is logged once; " + nodeA.output());
        }
    }

    @Test
    void theSubscriptionsApiOfOneNodeListsSubscribersOfTheOther() throws Exception {
        String topic = newTopic();
        String token = new io.github.mercurejakarta.auth.TokenFactory().draft07(
                io.github.mercurejakarta.auth.SigningKey.hmac(SECRET), List.of(), List.of("*"), null, null);
        URI api = URI.create(nodeB.hubUrl() + "/subscriptions/" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        try (SseClient onA = subscribe(nodeA, topic)) {
            HttpResponse<String> r = HttpCalls.get(api, "Authorization", "Bearer " + token);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"active\":true") && r.body().contains(URLEncoder.encode(topic, StandardCharsets.UTF_8)),
                    "node B reports node A's subscriber: " + r.body());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body;
        do {
            body = HttpCalls.get(api, "Authorization", "Bearer " + token).body();
            Thread.sleep(200);
        } while (body.contains("\"active\":true") && System.nanoTime() < deadline);
        assertFalse(body.contains("\"active\":true"), "gone from node B's answer too: " + body);
    }

    @Test
    void theBannerSaysWhereTheHistoryIs() {
        assertTrue(nodeA.stdoutLines().stream().anyMatch(l -> l.startsWith("History: the last 5000 updates in postgresql://mercure:***@")
                        && l.contains("kept across restarts")),
                "the banner names the database without its password: " + nodeA.stdoutLines());
    }
}
