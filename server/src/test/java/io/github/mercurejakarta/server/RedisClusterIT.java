package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RedisServer;
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
 * Several standalone hub processes ({@code mercure.jar hub --transport redis://...}) and a real
 * redis-server act as one hub: delivery across nodes, one order, reconnection to another node after a
 * crash, and a Redis outage.
 */
class RedisClusterIT {

    static final String SECRET = "a-secret-shared-by-every-node-of-the-cluster";
    static final Duration WAIT = Duration.ofSeconds(30);

    static RedisServer redis;
    static HubProcess nodeA;
    static HubProcess nodeB;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, redis}) {
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
        return HubProcess.startHub(List.of("--secret", SECRET, "--transport", redis.url(), "--keepalive-interval", "1"), Map.of());
    }

    static String newTopic() {
        return "https://example.com/cluster/" + UUID.randomUUID();
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

    static void publishOk(HubProcess node, String topic, String data) {
        HttpResponse<String> r = publish(node, topic, data);
        assertEquals(200, r.statusCode(), "publishing " + data + " is accepted: " + r.body());
    }

    /** Publishes, retrying while the node answers 503 (Redis not back yet for it). */
    static void publishOnceAccepted(HubProcess node, String topic, String data) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r;
        while ((r = publish(node, topic, data)).statusCode() == 503) {
            assertTrue(System.nanoTime() < deadline, "publishing works again within " + WAIT + " of Redis' return");
        }
        assertEquals(200, r.statusCode(), "publishing " + data + " after the outage is accepted: " + r.body());
    }

    static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }

    @Test
    void updatePublishedOnOneNodeReachesSubscribersOfTheOther() {
        String topic = newTopic();
        try (SseClient onB = subscribe(nodeB, topic)) {
            publishOk(nodeA, topic, "from A");
            SseEvent e = onB.next(WAIT);
            assertEquals("from A", e.data(), "a subscriber of node B receives what node A accepted");
            assertTrue(onB.noEventWithin(Duration.ofMillis(500)), "and receives it once");
        }
    }

    @Test
    void updatesPublishedOnBothNodesAtOnceReachEverySubscriberInTheSameOrder() throws Exception {
        String topic = newTopic();
        int each = 500;
        List<SseClient> subscribers = List.of(subscribe(nodeA, topic), subscribe(nodeA, topic),
                subscribe(nodeB, topic), subscribe(nodeB, topic));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> publishers = new ArrayList<>();
            for (HubProcess node : List.of(nodeA, nodeB)) {
                for (int w = 0; w < 2; w++) {
                    String tag = (node == nodeA ? "A" : "B") + w;
                    publishers.add(pool.submit(() -> {
                        for (int i = 0; i < each / 2; i++) {
                            publishOk(node, topic, tag + "-" + i);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : publishers) {
                f.get(2, TimeUnit.MINUTES);
            }
            try {
                List<String> first = data(subscribers.get(0).nextN(2 * each, WAIT));
                assertEquals(2 * each, first.stream().distinct().count(), "every update arrives once");
                for (int s = 1; s < subscribers.size(); s++) {
                    assertEquals(first, data(subscribers.get(s).nextN(2 * each, WAIT)),
                            "subscriber " + s + " (node " + (s < 2 ? "A" : "B") + ") sees the same sequence as subscriber 0");
                }
            } catch (AssertionError e) {
                System.err.println("node A " + nodeA.output() + "\nnode B " + nodeB.output());
                throw e;
            }
        } finally {
            pool.shutdownNow();
            subscribers.forEach(SseClient::close);
        }
    }

    @Test
    void subscriberOfAKilledNodeReconnectsToAnotherWithLastEventIdAndMissesNothing() throws Exception {
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
            // whatever reached the client before the crash counts, as it would for a browser
            while (!first.noEventWithin(Duration.ZERO)) {
                received.add(first.next(WAIT).data());
            }
            String lastId = first.lastEventId();
            first.close();
            try (SseClient second = SseClient.to(subscribeUrl(nodeB, topic)).lastEventId(lastId).open()) {
                assertEquals(200, second.status(), second.describe());
                Thread.sleep(300); // let some updates go live on the new stream, after its replay
                publishing.set(false);
                publisher.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                int missing;
                synchronized (published) {
                    missing = published.size() - received.size();
                }
                received.addAll(data(second.nextN(missing, WAIT)));
                assertTrue(second.noEventWithin(Duration.ofMillis(500)), "nothing more than what was published arrives");
            }
            assertEquals(published, received, "after the crash and the reconnection to another node, the subscriber "
                    + "has every update once, in order");
        } finally {
            publishing.set(false);
            pool.shutdownNow();
            doomed.close();
        }
    }

    @Test
    void redisRestartFailsPublishesMeanwhileAndOpenStreamsGetEveryAcceptedUpdate() {
        String topic = newTopic();
        try (SseClient onA = subscribe(nodeA, topic); SseClient onB = subscribe(nodeB, topic)) {
            publishOk(nodeA, topic, "before");
            assertEquals("before", onB.next(WAIT).data(), "delivered before the outage");
            assertEquals("before", onA.next(WAIT).data(), "delivered before the outage");
            redis.stop();
            HttpResponse<String> during = publish(nodeB, topic, "during");
            assertEquals(503, during.statusCode(), "a publish during the outage gets 503: " + during.body());
            redis.restart();
            // each node reconnects on its own: a publish refused meanwhile (503) was not accepted
            publishOnceAccepted(nodeB, topic, "after");
            publishOnceAccepted(nodeA, topic, "after 2");
            assertEquals(List.of("after", "after 2"), data(onA.nextN(2, WAIT)), "node A's open stream gets every accepted update");
            assertEquals(List.of("after", "after 2"), data(onB.nextN(2, WAIT)), "node B's open stream gets every accepted update");
        }
    }

    /**
     * Publish (HTTP on node A) to delivery (SSE on node B) latency over 1,000 updates, one at a time; prints
     * p50/p99 for the README: {@code mvn -B -f reactor.xml -pl pom.xml,test-support,server verify
     * -Dit.test=RedisClusterIT#publishOnOneNodeToDeliveryOnAnotherLatency -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
     */
    @Test
    void publishOnOneNodeToDeliveryOnAnotherLatency() {
        String topic = newTopic();
        int n = 1000;
        int warmUp = 200;
        long[] micros = new long[n];
        try (SseClient onB = subscribe(nodeB, topic)) {
            for (int i = 0; i < warmUp + n; i++) {
                long t0 = System.nanoTime();
                publishOk(nodeA, topic, "l" + i);
                onB.next(WAIT);
                if (i >= warmUp) {
                    micros[i - warmUp] = (System.nanoTime() - t0) / 1000;
                }
            }
        }
        java.util.Arrays.sort(micros);
        long p50 = micros[n / 2];
        long p99 = micros[n * 99 / 100];
        System.out.printf("cross-node publish->delivery over %d updates (after %d warm-up): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, warmUp, p50 / 1000.0, p99 / 1000.0, micros[n - 1] / 1000.0);
        assertTrue(p99 < 1_000_000, "p99 stays under a second even on a busy machine, got " + p99 + " us");
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
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/ld+json"), "draft-07 documents");
            assertTrue(r.body().contains("\"active\":true") && r.body().contains(URLEncoder.encode(topic, StandardCharsets.UTF_8)),
                    "node B reports node A's subscriber: " + r.body());
        }
        // node A notices the departure at its next keep-alive write (1 s) and removes the record cluster-wide
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body;
        do {
            body = HttpCalls.get(api, "Authorization", "Bearer " + token).body();
        } while (body.contains("\"active\":true") && System.nanoTime() < deadline && sleep(200));
        assertFalse(body.contains("\"active\":true"), "gone from node B's answer too: " + body);
    }

    /**
     * The events matching {@code wanted} among those {@code watcher} receives, until {@code n} have come or
     * {@code window} is over (other events are skipped).
     */
    static List<SseEvent> matching(SseClient watcher, java.util.function.Predicate<SseEvent> wanted, int n, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<SseEvent> got = new ArrayList<>();
        while (got.size() < n) {
            long left = deadline - System.nanoTime();
            if (watcher.noEventWithin(Duration.ofNanos(Math.max(0, left)))) {
                if (n == Integer.MAX_VALUE) {
                    return got;
                }
                throw new AssertionError("expected " + n + " matching events within " + window + ", got " + got + "; "
                        + watcher.describe());
            }
            SseEvent e = watcher.next(Duration.ZERO);
            if (wanted.test(e)) {
                got.add(e);
            }
        }
        return got;
    }

    /** Pause between polls of another node's API (no event to wait on there). */
    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    /**
     * A node killed with kill -9 cannot say that its subscribers are gone; once its heartbeat has lapsed
     * (15 s), one surviving node announces their end, and every subscriber to the subscription events, on
     * any node, gets exactly one {@code active: false} per subscription, in the subscription's own draft.
     */
    @Test
    void subscribersOfAKilledNodeAreAnnouncedEndedOnceAcrossTheCluster() throws Exception {
        String topic = newTopic();
        String encoded = URLEncoder.encode(topic, StandardCharsets.UTF_8);
        String token = new io.github.mercurejakarta.auth.TokenFactory().draft07(
                io.github.mercurejakarta.auth.SigningKey.hmac(SECRET), List.of(), List.of("*"), null, null);
        HubProcess doomed = node();
        // presence watchers on node A and on the third node (B): every update, subscription events included
        try (SseClient watchA = SseClient.to(nodeA.hubUrl("topic=*")).authorization(token).open();
             SseClient watchB = SseClient.to(nodeB.hubUrl("topic=*")).authorization(token).open()) {
            assertEquals(200, watchA.status(), watchA.describe());
            assertEquals(200, watchB.status(), watchB.describe());
            SseClient draft07 = subscribe(doomed, topic);
            SseClient draft08 = SseClient.open(doomed.hubUrl("match=" + encoded));
            assertEquals(200, draft08.status(), draft08.describe());
            java.util.function.Predicate<SseEvent> opening = e -> e.data().contains(encoded) && e.data().contains("\"active\":true");
            java.util.function.Predicate<SseEvent> ending = e -> e.data().contains(encoded) && e.data().contains("\"active\":false");
            assertEquals(2, matching(watchA, opening, 2, WAIT).size(), "node A's watcher sees both subscriptions open");
            assertEquals(2, matching(watchB, opening, 2, WAIT).size(), "node B's watcher sees both subscriptions open");
            long killed = System.nanoTime();
            doomed.kill();
            draft07.close();
            draft08.close();
            Duration deadline = Duration.ofSeconds(15 + 5 + 10); // TTL + one heartbeat period + margin
            for (SseClient watcher : List.of(watchA, watchB)) {
                List<SseEvent> ended = matching(watcher, ending, 2, deadline);
                assertTrue(System.nanoTime() - killed < deadline.toNanos(), "announced within " + deadline);
                assertEquals(1, ended.stream().filter(e -> "mercure".equals(e.type())).count(),
                        "one announcement is a draft-08 event (event: mercure): " + ended);
                assertEquals(1, ended.stream().filter(e -> e.data().contains("\"@context\"")).count(),
                        "the other a draft-07 JSON-LD document: " + ended);
            }
            // node A and node B both beat every 5 s: neither announces them a second time
            assertEquals(List.of(), matching(watchA, ending, Integer.MAX_VALUE, Duration.ofSeconds(12)),
                    "exactly once: no further end arrives on node A");
            assertEquals(List.of(), matching(watchB, ending, Integer.MAX_VALUE, Duration.ZERO),
                    "exactly once: no further end arrives on node B");
            // (another test's killed node may be claimed meanwhile too: the events above are what counts)
            assertTrue(List.of(nodeA, nodeB).stream().anyMatch(n -> n.stderrLines().stream().anyMatch(l -> l.contains("MERCURE0307I"))),
                    "the claiming node says so in its log (MERCURE0307I)");
        } finally {
            doomed.close();
        }
    }

    /**
     * A node stopped for longer than the stream keeps updates (SIGSTOP, like a very long GC pause) finds
     * a gap when it resumes: it says so (MERCURE0305W) and ends its streams, so that clients reconnect with
     * Last-Event-ID and get what the history still holds, while the other nodes' streams go on untouched.
     */
    @Test
    void aNodeThatMissedTrimmedUpdatesEndsItsStreamsAndTheirClientsResynchronise() throws Exception {
        String topic = newTopic();
        HubProcess laggard = node();
        try (SseClient onLaggard = subscribe(laggard, topic); SseClient onA = subscribe(nodeA, topic)) {
            publishOk(nodeA, topic, "g-start");
            assertEquals("g-start", onLaggard.next(WAIT).data(), "delivered before the pause");
            assertEquals("g-start", onA.next(WAIT).data(), "delivered before the pause");
            laggard.suspend();
            int n = 1400; // more than the stream keeps (at least 1,000 entries, trimmed by whole nodes of 100)
            try {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> parts = new ArrayList<>();
                    for (int w = 0; w < 4; w++) {
                        int first = w * n / 4;
                        int end = (w + 1) * n / 4;
                        parts.add(pool.submit(() -> {
                            for (int i = first; i < end; i++) {
                                publishOk(nodeA, topic, "g" + i);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : parts) {
                        f.get(2, TimeUnit.MINUTES);
                    }
                } finally {
                    pool.shutdownNow();
                }
                publishOk(nodeA, topic, "g-end");
                assertTrue(Long.parseLong(redis.command("XLEN", "{mercure}:updates")) < 1300,
                        "the stream was trimmed past what the paused node had read");
            } finally {
                laggard.resume();
            }
            assertTrue(onLaggard.awaitEnd(WAIT), "the paused node ends its stream once it finds the gap; "
                    + onLaggard.describe() + " " + laggard.output());
            laggard.awaitStderr(l -> l.contains("MERCURE0305W"), WAIT);
            String lastId = onLaggard.lastEventId();
            List<String> onAData = data(onA.nextN(n + 1, WAIT));
            assertEquals("g-end", onAData.get(n), "a node that kept up delivers every update");
            List<String> published = new ArrayList<>(onAData); // in the cluster's order
            try (SseClient again = SseClient.to(subscribeUrl(laggard, topic)).lastEventId(lastId).open()) {
                assertEquals(200, again.status(), again.describe());
                // the id the client had is no longer kept, so it gets the kept history (up to 500 updates)
                List<String> replay = new ArrayList<>();
                while (replay.isEmpty() || !replay.get(replay.size() - 1).equals("g-end")) {
                    replay.add(again.next(WAIT).data());
                }
                assertTrue(replay.size() > 400, "the reconnected client gets the kept history: " + replay.size() + " updates");
                assertEquals(published.subList(published.size() - replay.size(), published.size()), replay,
                        "the newest updates, in order, up to the newest, once");
                assertTrue(again.noEventWithin(Duration.ofMillis(500)), "and nothing twice: " + again.describe());
            }
        } finally {
            laggard.close();
        }
    }

    /**
     * A node killed with SIGKILL halfway through 2,000 publications (8 in flight), a new node on the same Redis,
     * a client resuming from the first update: every update the dead node acknowledged arrives, once. The replay
     * (about 1,000 updates) is longer than the subscriber queue's bound (1,000 by default), which used to end the
     * stream before its last updates.
     */
    @Test
    void aNodeKilledMidPublishLosesNothingItAcknowledgedAndANewNodeReplaysItOnce() throws Exception {
        String topic = newTopic();
        List<String> node = List.of("--secret", SECRET, "--transport", redis.url(), "--reconciliation-length", "5000");
        HubProcess doomed = HubProcess.startHub(node, Map.of());
        HubProcess successor = null;
        try {
            HttpResponse<String> first = publish(doomed, topic, "first");
            assertEquals(200, first.statusCode(), first.body());
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

            successor = HubProcess.startHub(node, Map.of());
            try (SseClient resumed = SseClient.to(subscribeUrl(successor, topic)).lastEventId(first.body()).open()) {
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
}
