package io.github.mercurejakarta.it;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.it.messaging.RoomDigest;
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

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code mercure} MicroProfile Reactive Messaging connector on Open Liberty ({@code mpReactiveMessaging-3.0}),
 * both directions in one application: {@link RoomDigest} consumes the updates of the rooms from the embedded hub
 * (incoming channel, a draft-07 subscription with tokens minted from the subscriber key, since the room posts
 * are private) and publishes a digest of each (outgoing channel, through the application's {@code Mercure}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "subscriber-key-of-the-messaging-it!!";
    private static final String NAME = "messaging";

    @Deployment(testable = false)
    static WebArchive app() {
        String hub = "http://127.0.0.1:" + System.getProperty("liberty.it.http.port", "19180") + "/" + NAME + "/.well-known/mercure";
        return Deployments.war(NAME)
                .config("mercure.subscriber.secret.key", KEY)
                .config(Map.of(
                        "mp.messaging.incoming.rooms.connector", "mercure",
                        "mp.messaging.incoming.rooms.hub-url", hub,
                        "mp.messaging.incoming.rooms.topics", "https://example.com/rooms/{room}",
                        "mp.messaging.incoming.rooms.subscriber-secret-key", KEY,
                        "mp.messaging.incoming.rooms.reconnect-delay", "200",
                        "mp.messaging.outgoing.digest.connector", "mercure"))
                .classes(PublishResource.class, PublishResource.Book.class, RoomDigest.class, RoomDigest.Post.class)
                .build();
    }

    @ArquillianResource
    URL base;

    @Test
    void aServiceConsumesPrivateRoomUpdatesThroughTheConnectorAndPublishesADigest() throws Exception {
        try (MercureSubscriber digest = MercureSubscriber.builder(base.toURI().resolve(".well-known/mercure"))
                .topics(RoomDigest.DIGEST_TOPIC).reconnectDelay(Duration.ofMillis(200)).build()) {
            FlowCollector<ReceivedUpdate> c = new FlowCollector<>(Long.MAX_VALUE);
            digest.subscribe(c);
            // the incoming channel connects while the application starts: post until a digest shows it is live
            long deadline = System.nanoTime() + WAIT.toNanos();
            String id;
            do {
                assertTrue(System.nanoTime() < deadline, "the connector's incoming channel goes live");
                id = post("https://example.com/rooms/lobby", "{\"author\":\"alice\",\"text\":\"ping\"}", "chat");
            } while (c.nothingWithin(Duration.ofMillis(300)));
            c.drainItems();
            String first = post("https://example.com/rooms/lobby", "{\"author\":\"alice\",\"text\":\"hello\"}", "chat");
            String second = post("https://example.com/rooms/kitchen", "{\"author\":\"bob\",\"text\":\"lunch?\"}", "chat");
            java.util.List<String> lines = c.awaitItems(2, WAIT).stream().map(ReceivedUpdate::data).toList();
            assertEquals(java.util.List.of("chat " + first + " alice: HELLO", "chat " + second + " bob: LUNCH?"), lines,
                    "each private room update, with its id and type, digested in order");
            assertTrue(id != null);
        }
    }

    /** Publishes a private update (the connector's minted token grants the rooms) through the application. */
    private String post(String topic, String json, String type) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("app/publish-update"),
                Form.of("topic", topic, "data", json, "private", "true", "type", type));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
