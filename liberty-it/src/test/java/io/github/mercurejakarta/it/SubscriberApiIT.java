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
 * updates only with a token that grants them, a refused token, and a token renewed before each
 * {@code exp} (the embedded hub closes a stream at its token's exp) with nothing lost or repeated.
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
}
