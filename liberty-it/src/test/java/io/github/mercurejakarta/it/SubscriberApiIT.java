package io.github.mercurejakarta.it;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.exceptions.SubscriptionRefusedException;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.testsupport.FlowCollector;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public subscriber API ({@link MercureSubscriber}) against the embedded hub on Open Liberty, from
 * outside (as another service would subscribe): both HTTP versions (Liberty offers HTTP/2), private
 * updates only with a token that grants them, a refused token, a token renewed before each
 * {@code exp} (the embedded hub closes a stream at its token's exp) with nothing lost or repeated, and a
 * consumer that stops asking: the hub drops its stream, and it resumes without loss.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubscriberApiIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "subscriber-key-of-the-subscriber-api-it!";
    private static final TokenFactory TOKENS = new TokenFactory();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("subapi")
                .config("mercure.subscriber.secret.key", KEY)
                // a consumer that stops reading is dropped soon (aConsumerThatStops...), and can resume from the history
                .config("mercure.hub.subscriber.queue.size", "50")
                .config("mercure.hub.dispatch.timeout", "1")
                .config("mercure.hub.reconciliation.length", "5000")
                .classes(PublishResource.class, PublishResource.Book.class)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI hub() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
    }

    private static String topic() {
        return "https://example.com/subscriber-api/" + UUID.randomUUID();
    }

    private static String token(Duration ttl, String... topics) {
        return TOKENS.draft07(SigningKey.hmac(KEY), List.of(), List.of(topics), null, ttl);
    }

    private String publish(String topic, String data, boolean privateUpdate) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("app/publish-update"),
                Form.of("topic", topic, "data", data, "private", Boolean.toString(privateUpdate)));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private MercureSubscriber.Builder builder() throws Exception {
        return MercureSubscriber.builder(hub()).reconnectDelay(Duration.ofMillis(200)).maxReconnectDelay(Duration.ofSeconds(1));
    }

    /** Publishes to {@code probe} until one arrives, then a marker, and consumes up to it: the stream is live. */
    private void awaitLive(FlowCollector<ReceivedUpdate> c, String probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            assertTrue(System.nanoTime() < deadline, "the stream goes live");
            publish(probe, "probe", false);
        } while (c.nothingWithin(Duration.ofMillis(200)));
        publish(probe, "ready", false);
        while (!c.awaitItems(1, WAIT).get(0).data().equals("ready")) {
            // a probe published before the first one arrived
        }
    }

    private static List<String> data(List<ReceivedUpdate> updates) {
        return updates.stream().map(ReceivedUpdate::data).toList();
    }

    @Test
    void updatesArriveOverHttp11AndHttp2WithTheirIdsAndTypes() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            String t = topic();
            String probe = topic();
            try (MercureSubscriber s = builder().httpVersion(version).match(t, probe).build()) {
                FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
                s.subscribe(c);
                awaitLive(c, probe);
                String id = publish(t, "a\nb", false);
                ReceivedUpdate u = c.awaitItems(1, WAIT).get(0);
                assertEquals(id, u.id(), version.toString());
                assertEquals("message", u.type());
                assertEquals("a\nb", u.data());
            }
        }
    }

    @Test
    void privateUpdatesArriveOnlyWithATokenThatGrantsThem() throws Exception {
        String t = topic();
        String[] probes = {topic(), topic(), topic()};
        try (MercureSubscriber anonymous = builder().topics(t, probes[0]).build();
             MercureSubscriber granted = builder().topics(t, probes[1]).token(token(Duration.ofMinutes(5), t, probes[1])).build();
             MercureSubscriber other = builder().topics(t, probes[2]).token(token(Duration.ofMinutes(5), topic())).build()) {
            FlowCollector<ReceivedUpdate> a = new FlowCollector<>(Long.MAX_VALUE);
            FlowCollector<ReceivedUpdate> g = new FlowCollector<>(Long.MAX_VALUE);
            FlowCollector<ReceivedUpdate> o = new FlowCollector<>(Long.MAX_VALUE);
            anonymous.subscribe(a);
            granted.subscribe(g);
            other.subscribe(o);
            awaitLive(a, probes[0]);
            awaitLive(g, probes[1]);
            awaitLive(o, probes[2]);
            publish(t, "private", true);
            publish(t, "public", false);
            assertEquals(List.of("private", "public"), data(g.awaitItems(2, WAIT)));
            assertEquals(List.of("public"), data(a.awaitItems(1, WAIT)), "anonymous: the public update only");
            assertEquals(List.of("public"), data(o.awaitItems(1, WAIT)), "a token for another topic: the public update only");
        }
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        String forged = TOKENS.draft07(SigningKey.hmac("a-different-key-of-sufficient-length!!"), List.of(), List.of("*"), null, null);
        try (MercureSubscriber s = builder().topics(topic()).token(forged).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            SubscriptionRefusedException e = assertInstanceOf(SubscriptionRefusedException.class, c.awaitTerminal(WAIT));
            assertEquals(401, e.status(), e.getMessage());
        }
    }

    @Test
    void aTokenRenewedBeforeEachExpKeepsTheSubscriptionWithNothingLostOrRepeatedOverHttp11() throws Exception {
        renewal(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void aTokenRenewedBeforeEachExpKeepsTheSubscriptionWithNothingLostOrRepeatedOverHttp2() throws Exception {
        renewal(HttpClient.Version.HTTP_2);
    }

    private void renewal(HttpClient.Version version) throws Exception {
        String warm = topic();
        try (MercureSubscriber s = builder().httpVersion(version).topics(warm).build()) {
            // the first stream of a new deployment can take seconds (first use of the hub's classes): not under a 4 s token
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            awaitLive(c, warm);
        }
        String t = topic();
        String probe = topic();
        List<long[]> asked = new ArrayList<>(); // {time asked, exp of the token handed out}, in ms
        try (MercureSubscriber s = builder().httpVersion(version).topics(t, probe).token(() -> {
            long now = System.currentTimeMillis();
            synchronized (asked) {
                asked.add(new long[] {now, (now / 1000 + 4) * 1000});
            }
            return TOKENS.draft07(SigningKey.hmac(KEY), List.of(), List.of("*"), null, Duration.ofSeconds(4));
        }).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            s.subscribe(c);
            awaitLive(c, probe);
            List<String> sent = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                publish(t, "u" + i, false);
                sent.add("u" + i);
                Thread.sleep(25);
            }
            assertEquals(sent, data(c.awaitItems(sent.size(), WAIT)), "every update once, in order, across the renewals");
            assertTrue(c.nothingWithin(Duration.ofMillis(300)), "no repeats");
            synchronized (asked) {
                assertTrue(asked.size() >= 3, "a token per 4 s lifetime: " + asked.size());
                for (int i = 1; i < asked.size(); i++) {
                    assertTrue(asked.get(i)[0] < asked.get(i - 1)[1],
                            "token " + i + " was asked for before token " + (i - 1) + " expired (not after the hub closed the stream): "
                                    + asked.stream().map(java.util.Arrays::toString).toList());
                }
            }
        }
    }

    @Test
    void aConsumerThatStopsIsDroppedByTheHubAndResumesWithoutLoss() throws Exception {
        String t = topic();
        String probe = topic();
        int total = 2000;
        String payload = "y".repeat(4000);
        double droppedBefore = dropped();
        try (MercureSubscriber s = builder().topics(t, probe).bufferSize(16).build()) { // HTTP/1.1, the default
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(1);
            s.subscribe(c);
            // live: one probe, then the marker (each requested one by one)
            long deadline = System.nanoTime() + WAIT.toNanos();
            do {
                assertTrue(System.nanoTime() < deadline, "the stream goes live");
                publish(probe, "probe", false);
            } while (c.nothingWithin(Duration.ofMillis(200)));
            c.drainItems();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try {
                List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    int part = p;
                    parts.add(pool.submit(() -> {
                        for (int i = part; i < total; i += 4) {
                            ids.add(publish(t, i + ":" + payload, false));
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : parts) {
                    f.get(3, java.util.concurrent.TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            // 8 MB published to a consumer that asks for nothing: the hub finds the stream blocked and drops it
            while (dropped() == droppedBefore) {
                assertTrue(System.nanoTime() < deadline + Duration.ofMinutes(1).toNanos(),
                        "the embedded hub drops the stream of a consumer that stopped (write_timeout or queue_overflow)");
                Thread.sleep(200);
            }
            c.request(Long.MAX_VALUE);
            List<ReceivedUpdate> got = new ArrayList<>();
            while (got.size() < total) {
                ReceivedUpdate u = c.awaitItems(1, Duration.ofMinutes(1)).get(0);
                if (u.data().endsWith(payload)) {
                    got.add(u);
                }
            }
            assertEquals(total, got.stream().map(ReceivedUpdate::id).distinct().count(), "every update once");
            assertEquals(ids, new java.util.HashSet<>(got.stream().map(ReceivedUpdate::id).toList()), "nothing lost");
            assertTrue(c.nothingWithin(Duration.ofMillis(300)), "nothing twice");
        }
    }

    /** Streams the embedded hub dropped for not keeping up (Liberty's /metrics, application scope). */
    private double dropped() throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve("/metrics?scope=application"));
        assertEquals(200, r.statusCode(), r.body());
        // no sample before the hub served its first request (the metrics are registered then): none dropped
        return r.body().lines().filter(l -> l.startsWith("mercure_disconnects_total{"))
                .filter(l -> l.contains("cause=\"write_timeout\"") || l.contains("cause=\"queue_overflow\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
