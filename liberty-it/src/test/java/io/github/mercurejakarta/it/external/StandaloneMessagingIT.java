package io.github.mercurejakarta.it.external;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.it.Deployments;
import io.github.mercurejakarta.it.messaging.RoomDigest;
import io.github.mercurejakarta.testsupport.FlowCollector;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code mercure} Reactive Messaging connector on Open Liberty against the standalone hub (a separate
 * process): the incoming channel subscribes to it ({@code hub-url}, tokens minted from its subscriber key),
 * the outgoing channel publishes through the application's {@code Mercure}, configured for that hub
 * ({@code mercure.hub.url}). Nothing goes through the application's own embedded hub.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StandaloneMessagingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLISHER_KEY = "standalone-messaging-publisher-key!!";
    private static final String SUBSCRIBER_KEY = "standalone-messaging-subscriber-key!";
    private static final StandaloneHub HUB = StandaloneHub.start(
            "--publisher-secret", PUBLISHER_KEY, "--subscriber-secret", SUBSCRIBER_KEY);

    @AfterAll
    static void stopHub() {
        HUB.close();
    }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("messaging-standalone")
                .config("mercure.hub.url", HUB.url().toString())
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config(Map.of(
                        "mp.messaging.incoming.rooms.connector", "mercure",
                        "mp.messaging.incoming.rooms.hub-url", HUB.url().toString(),
                        "mp.messaging.incoming.rooms.topics", "https://example.com/rooms/{room}",
                        "mp.messaging.incoming.rooms.subscriber-secret-key", SUBSCRIBER_KEY,
                        "mp.messaging.incoming.rooms.reconnect-delay", "200",
                        "mp.messaging.outgoing.digest.connector", "mercure"))
                .classes(RoomDigest.class, RoomDigest.Post.class)
                .build();
    }

    private static String post(String topic, String json) {
        String token = new TokenFactory().draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), null, null, Duration.ofMinutes(5));
        HttpResponse<String> r = HttpCalls.postForm(HUB.url(), Form.of("topic", topic, "data", json, "private", "on"),
                "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void theConnectorConsumesAndPublishesThroughTheStandaloneHub() {
        try (MercureSubscriber digest = MercureSubscriber.builder(HUB.url()).topics(RoomDigest.DIGEST_TOPIC)
                .reconnectDelay(Duration.ofMillis(200)).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            digest.subscribe(c);
            long deadline = System.nanoTime() + WAIT.toNanos();
            do {
                assertTrue(System.nanoTime() < deadline, "the connector's incoming channel goes live; " + HUB.output());
                post("https://example.com/rooms/lobby", "{\"author\":\"alice\",\"text\":\"ping\"}");
            } while (c.nothingWithin(Duration.ofMillis(300)));
            c.drainItems();
            String id = post("https://example.com/rooms/lobby", "{\"author\":\"carol\",\"text\":\"standalone\"}");
            assertEquals("message " + id + " carol: STANDALONE", c.awaitItems(1, WAIT).get(0).data());
        }
    }
}
