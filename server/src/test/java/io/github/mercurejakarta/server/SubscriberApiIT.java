package io.github.mercurejakarta.server;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.exceptions.SubscriptionRefusedException;
import io.github.mercurejakarta.testsupport.FlowCollector;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HandMadeJwt;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public subscriber API ({@link MercureSubscriber}) against the standalone hub as a separate process:
 * both drafts and both HTTP versions, private updates, refusals, token renewal before {@code exp}, a
 * hub restart (two nodes on Redis, the subscriber's node killed and started again on its port), and a
 * consumer that stops asking, whose stream the hub drops, and who then resumes without loss.
 */
class SubscriberApiIT {

    static final String SECRET = "a-secret-for-the-subscriber-api-tests!";
    static final Duration WAIT = Duration.ofSeconds(30);

    static HubProcess hub;

    @BeforeAll
    static void start() {
        hub = HubProcess.startHub(List.of("--secret", SECRET, "--keepalive-interval", "1"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static String newTopic() {
        return "https://example.com/subscriber-api/" + UUID.randomUUID();
    }

    static String publish(HubProcess node, String... form) {
        HttpResponse<String> r = HttpCalls.postForm(node.hubUrl(), Form.of(form), "Authorization", "Bearer " + node.draft07Token());
        assertEquals(200, r.statusCode(), "the hub accepts the publication: " + r.body());
        return r.body();
    }

    /** A draft-07 subscriber token for every topic, expiring {@code seconds} from now. */
    static String subscriberToken(long seconds) {
        long now = System.currentTimeMillis() / 1000;
        return HandMadeJwt.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"mercure\":{\"subscribe\":[\"*\"]},\"exp\":" + (now + seconds) + "}", SECRET);
    }

    static List<String> data(List<ReceivedUpdate> updates) {
        return updates.stream().map(ReceivedUpdate::data).toList();
    }

    static MercureSubscriber.Builder builder(HubProcess node) {
        return MercureSubscriber.builder(node.hubUrl()).reconnectDelay(Duration.ofMillis(200)).maxReconnectDelay(Duration.ofSeconds(1));
    }

    /** Waits until the hub has registered the stream (its active-subscription count), so nothing is published before it. */
    static void awaitSubscribed(HubProcess node, String topic) {
        awaitSubscribed(node, topic, 1);
    }

    static void awaitSubscribed(HubProcess node, String topic, int streams) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        URI subscriptions = URI.create(node.hubUrl() + "/subscriptions/" + java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8));
        while (true) {
            HttpResponse<String> r = HttpCalls.get(subscriptions, "Authorization", "Bearer " + subscriberToken(60));
            if (r.statusCode() == 200 && r.body().split("\"active\":true", -1).length - 1 >= streams) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the subscription shows in the hub's subscriptions API: " + r.statusCode() + " " + r.body());
            sleep(20);
        }
    }

    @Test
    void draft07TopicsOverHttp11AndDraft08MatchOverHttp2DeliverIdsTypesAndData() {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            String topic = newTopic();
            String probe = newTopic();
            boolean draft07 = version == HttpClient.Version.HTTP_1_1;
            MercureSubscriber.Builder b = builder(hub).httpVersion(version);
            try (MercureSubscriber s = (draft07 ? b.topics(topic, probe) : b.match(topic, probe)).build()) {
                FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
                s.subscribe(c);
                awaitLive(hub, c, probe);
                String id1 = publish(hub, "topic", topic, "data", "line 1\nline 2", "type", "book");
                String id2 = publish(hub, "topic", topic, "data", "{\"title\":\"Dune\"}");
                List<ReceivedUpdate> got = c.awaitItems(2, WAIT);
                assertEquals(List.of(id1, id2), got.stream().map(ReceivedUpdate::id).toList(), version + ": the hub's ids, in order");
                assertEquals(List.of("book", "message"), got.stream().map(ReceivedUpdate::type).toList());
                assertEquals(List.of("line 1\nline 2", "{\"title\":\"Dune\"}"), data(got));
                assertEquals(java.util.Optional.of(id2), s.lastEventId(), "the last update handed over");
            }
        }
    }

    /**
     * Waits until the stream is live, by publishing to {@code probe} (one of its selectors) until a probe
     * arrives, then a last marker: every probe is then consumed (a draft-08 subscription is not listed by the
     * draft-07 subscriptions API that {@link #awaitSubscribed} reads).
     */
    static void awaitLive(HubProcess node, FlowCollector<ReceivedUpdate> c, String probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            assertTrue(System.nanoTime() < deadline, "the stream goes live");
            publish(node, "topic", probe, "data", "probe");
        } while (c.nothingWithin(Duration.ofMillis(200)));
        publish(node, "topic", probe, "data", "ready");
        while (!c.awaitItems(1, WAIT).get(0).data().equals("ready")) {
            // a probe published before the first one arrived
        }
    }

    @Test
    void privateUpdatesArriveOnlyWithATokenThatGrantsThem() {
        String topic = newTopic();
        try (MercureSubscriber anonymous = builder(hub).topics(topic).build();
             MercureSubscriber granted = builder(hub).topics(topic).token(subscriberToken(600)).build()) {
            FlowCollector<ReceivedUpdate> a = new FlowCollector<>(Long.MAX_VALUE);
            FlowCollector<ReceivedUpdate> g = new FlowCollector<>(Long.MAX_VALUE);
            anonymous.subscribe(a);
            granted.subscribe(g);
            awaitSubscribed(hub, topic, 2);
            publish(hub, "topic", topic, "data", "secret", "private", "on");
            publish(hub, "topic", topic, "data", "public");
            assertEquals(List.of("secret", "public"), data(g.awaitItems(2, WAIT)), "the token grants the private update");
            assertEquals(List.of("public"), data(a.awaitItems(1, WAIT)), "an anonymous subscriber gets the public one only");
            assertTrue(a.nothingWithin(Duration.ofMillis(300)));
        }
    }

    @Test
    void aRefusedSubscriptionEndsWithSubscriptionRefusedException() {
        String expired = subscriberToken(-60);
        try (MercureSubscriber s = builder(hub).topics(newTopic()).token(expired).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            SubscriptionRefusedException e = assertInstanceOf(SubscriptionRefusedException.class, c.awaitTerminal(WAIT));
            assertEquals(401, e.status(), e.getMessage());
        }
        try (MercureSubscriber s = builder(hub).urlPatterns("https://example.com/{").build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            SubscriptionRefusedException e = assertInstanceOf(SubscriptionRefusedException.class, c.awaitTerminal(WAIT));
            assertEquals(400, e.status(), "an unparsable URL pattern: " + e.getMessage());
        }
        URI notAHub = URI.create(hub.hubUrl().toString().replace("/.well-known/mercure", "/nothing-here"));
        try (MercureSubscriber s = MercureSubscriber.builder(notAHub).topics("*").build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            SubscriptionRefusedException e = assertInstanceOf(SubscriptionRefusedException.class, c.awaitTerminal(WAIT));
            assertEquals(404, e.status(), e.getMessage());
        }
    }

    /** With {@code retryNotFound}, a 404 is an outage: retried with backoff, reported to the listener, never an end. */
    @Test
    void aNotFoundHubIsRetriedWhenAsked() {
        URI notYetAHub = URI.create(hub.hubUrl().toString().replace("/.well-known/mercure", "/not-deployed-yet"));
        java.util.concurrent.LinkedBlockingQueue<String> reasons = new java.util.concurrent.LinkedBlockingQueue<>();
        try (MercureSubscriber s = MercureSubscriber.builder(notYetAHub).topics("*").retryNotFound(true)
                .reconnectDelay(Duration.ofMillis(100)).maxReconnectDelay(Duration.ofMillis(400))
                .listener(new MercureSubscriber.ConnectionListener() {
                    @Override
                    public void disconnected(String reason, Duration retryIn) {
                        reasons.add(reason);
                    }
                }).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                try {
                    String r = reasons.poll(100, TimeUnit.MILLISECONDS);
                    if (r != null) {
                        seen.add(r);
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(3, seen.size(), "three attempts, each answered 404: " + seen);
            assertTrue(seen.stream().allMatch(r -> r.contains("404")), seen.toString());
            assertTrue(!c.isTerminated(), "the subscription goes on");
        }
    }

    @Test
    void aTokenRenewedBeforeExpKeepsTheSubscriptionWithNothingLostOrRepeated() throws Exception {
        String topic = newTopic();
        AtomicInteger minted = new AtomicInteger();
        double expiredBefore = MetricsEndpoint.scrape(hub).value("mercure_disconnects_total{cause=\"token_expired\"}");
        try (MercureSubscriber s = builder(hub).topics(topic).token(() -> {
            minted.incrementAndGet();
            return subscriberToken(4); // the hub would close the stream 4 s after each connection
        }).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            awaitSubscribed(hub, topic);
            List<String> sent = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                publish(hub, "topic", topic, "data", "u" + i);
                sent.add("u" + i);
                sleep(25);
            }
            assertEquals(sent, data(c.awaitItems(sent.size(), WAIT)), "every update once, in order, across the renewals");
            assertTrue(c.nothingWithin(Duration.ofMillis(300)), "no repeats");
            assertTrue(minted.get() >= 3, "a fresh token was asked for before each exp: " + minted.get() + " in 10 s of 4 s tokens");
        }
        assertEquals(expiredBefore, MetricsEndpoint.scrape(hub).value("mercure_disconnects_total{cause=\"token_expired\"}"),
                "the hub never had to close the stream at a token's exp: the subscriber renewed first");
    }

    @Test
    void aConsumerThatStopsHoldsABoundedBufferIsDroppedByTheHubAndResumesWithoutLoss() throws Exception {
        String topic = newTopic();
        int total = 3000;
        String payload = "x".repeat(4000);
        try (HubProcess small = HubProcess.startHub(List.of("--secret", SECRET, "--subscriber-queue-size", "50",
                "--dispatch-timeout", "1", "--reconciliation-length", "10000"), Map.of());
             MercureSubscriber s = builder(small).topics(topic).bufferSize(16).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(3);
            s.subscribe(c);
            awaitSubscribed(small, topic);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<String> ids = new ArrayList<>();
            try {
                List<Future<List<String>>> parts = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    int part = p;
                    parts.add(pool.submit(() -> {
                        List<String> mine = new ArrayList<>();
                        for (int i = part; i < total; i += 4) {
                            mine.add(publish(small, "topic", topic, "data", i + ":" + payload));
                        }
                        return mine;
                    }));
                }
                for (Future<List<String>> f : parts) {
                    ids.addAll(f.get(2, TimeUnit.MINUTES));
                }
            } finally {
                pool.shutdownNow();
            }
            List<ReceivedUpdate> first = c.awaitItems(3, WAIT);
            assertTrue(c.nothingWithin(Duration.ofMillis(200)), "no more than the consumer asked for");
            // 12 MB published, far more than the sockets hold: the hub finds the stream blocked and drops it
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (dropped(small) == 0) {
                assertTrue(System.nanoTime() < deadline, "the hub drops the stream of a consumer that stopped reading; "
                        + MetricsEndpoint.scrape(small).text());
                sleep(100);
            }
            c.request(Long.MAX_VALUE);
            List<ReceivedUpdate> rest = c.awaitItems(total - 3, Duration.ofMinutes(2));
            List<String> got = new ArrayList<>(first.stream().map(ReceivedUpdate::id).toList());
            got.addAll(rest.stream().map(ReceivedUpdate::id).toList());
            assertEquals(total, got.stream().distinct().count(), "every update once after resuming");
            assertEquals(new java.util.HashSet<>(ids), new java.util.HashSet<>(got), "nothing lost");
            assertTrue(c.nothingWithin(Duration.ofMillis(300)), "and nothing twice");
            assertTrue(first.get(0).data().endsWith(payload));
        }
    }

    static double dropped(HubProcess node) {
        MetricsEndpoint m = MetricsEndpoint.scrape(node);
        return m.value("mercure_disconnects_total{cause=\"queue_overflow\"}") + m.value("mercure_disconnects_total{cause=\"write_timeout\"}");
    }

    @Test
    void aSubscriberSurvivesARestartOfItsHubWithNothingLost() throws Exception {
        String topic = newTopic();
        int port = freePort();
        List<String> nodeArgs = List.of("--secret", SECRET, "--keepalive-interval", "1");
        try (RedisServer redis = RedisServer.start();
             HubProcess other = HubProcess.startHub(concat(nodeArgs, List.of("--transport", redis.url())), Map.of())) {
            HubProcess node = startOnPort(port, concat(nodeArgs, List.of("--transport", redis.url())));
            try (MercureSubscriber s = builder(node).topics(topic).build()) {
                FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
                s.subscribe(c);
                awaitSubscribed(node, topic);
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    publish(other, "topic", topic, "data", "before " + i);
                    sent.add("before " + i);
                }
                assertEquals(sent, data(c.awaitItems(10, WAIT)));
                node.kill();
                List<String> during = IntStream.range(0, 20).mapToObj(i -> "while down " + i).toList();
                for (String d : during) {
                    publish(other, "topic", topic, "data", d);
                }
                assertTrue(c.nothingWithin(Duration.ofMillis(500)) && !c.isTerminated(),
                        "the subscriber keeps trying while its hub is down");
                node = startOnPort(port, concat(nodeArgs, List.of("--transport", redis.url())));
                assertEquals(during, data(c.awaitItems(20, WAIT)), "what was published while the hub was down arrives (Last-Event-ID)");
                publish(other, "topic", topic, "data", "after");
                assertEquals(List.of("after"), data(c.awaitItems(1, WAIT)));
                assertTrue(c.nothingWithin(Duration.ofMillis(300)), "nothing twice");
            } finally {
                node.close();
            }
        }
    }

    static HubProcess startOnPort(int port, List<String> args) {
        List<String> all = new ArrayList<>(List.of("hub", "--port", Integer.toString(port)));
        all.addAll(args);
        HubProcess p = HubProcess.launch(all, Map.of());
        try {
            p.awaitBanner(HubProcess.BANNER_TIMEOUT);
        } catch (AssertionError | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
