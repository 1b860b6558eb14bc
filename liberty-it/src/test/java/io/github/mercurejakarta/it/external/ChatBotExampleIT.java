package io.github.mercurejakarta.it.external;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.FlowCollector;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat-bot example (examples/chat-bot), its war as built, on Open Liberty with {@code mpReactiveMessaging-3.0},
 * against the standalone hub the chat demo uses: this test plays the chat (it publishes chat messages to the
 * rooms' topics, as examples/chat does, and reads the rooms), the bot answers its commands in the room.
 * Only the war's settings are replaced: the hub's URL and publisher key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatBotExampleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLISHER_KEY = "chat-bot-example-publisher-key!!!!!";
    private static final String TOPICS = "https://chat.example.com";
    private static final StandaloneHub HUB = StandaloneHub.start("--publisher-secret", PUBLISHER_KEY,
            "--subscriber-secret", "chat-bot-example-subscriber-key!!!!");

    @AfterAll
    static void stopHub() {
        HUB.close();
    }

    @Deployment(testable = false)
    static WebArchive bot() {
        File war = new File(System.getProperty("chatbot.war", "../examples/chat-bot/target/chat-bot.war"));
        assertTrue(war.isFile(), war + " is built by the reactor (examples/chat-bot)");
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "chat-bot.war").importFrom(war).as(WebArchive.class);
        String settings = "WEB-INF/classes/META-INF/microprofile-config.properties";
        // MicroProfile Config expressions in the war's own file point both channels at chat.hub.url
        String original = new String(readEntry(archive, settings), java.nio.charset.StandardCharsets.UTF_8);
        archive.delete(settings);
        archive.add(new StringAsset(original
                .replace("chat.hub.url=http://localhost:5500/.well-known/mercure", "chat.hub.url=" + HUB.url())
                .replaceAll("chat.hub.publisher.key=.*", "chat.hub.publisher.key=" + PUBLISHER_KEY)
                .replace("mp.messaging.incoming.rooms.reconnect-delay=1000", "mp.messaging.incoming.rooms.reconnect-delay=200")), settings);
        return archive;
    }

    private static byte[] readEntry(WebArchive archive, String path) {
        try (java.io.InputStream in = archive.get(path).getAsset().openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void say(String room, String from, String text) {
        String token = new TokenFactory().draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), null, null, Duration.ofMinutes(5));
        String json = "{\"room\":\"" + room + "\",\"from\":\"" + from + "\",\"text\":\"" + text + "\",\"sentAt\":\"2026-12-08T00:00:00Z\"}";
        HttpResponse<String> r = HttpCalls.postForm(HUB.url(), Form.of("topic", TOPICS + "/rooms/" + room, "data", json,
                "type", "chat-message"), "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
    }

    /** @return the bot's next answer in the room (the room's other messages, ours, are skipped) */
    private static String answer(FlowCollector<ReceivedUpdate> room) {
        while (true) {
            ReceivedUpdate u = room.awaitItems(1, WAIT).get(0);
            if (u.data().contains("\"from\":\"bot\"")) {
                assertEquals("chat-message", u.type(), "the bot answers as a chat message");
                String data = u.data();
                int text = data.indexOf("\"text\":\"") + 8;
                return data.substring(text, data.indexOf('"', text));
            }
        }
    }

    @Test
    void theBotAnswersItsCommandsInTheRoom() {
        try (MercureSubscriber general = MercureSubscriber.builder(HUB.url()).topics(TOPICS + "/rooms/general").build();
             MercureSubscriber random = MercureSubscriber.builder(HUB.url()).topics(TOPICS + "/rooms/random").build()) {
            FlowCollector<ReceivedUpdate> g = new FlowCollector<>(Long.MAX_VALUE);
            FlowCollector<ReceivedUpdate> r = new FlowCollector<>(Long.MAX_VALUE);
            general.subscribe(g);
            random.subscribe(r);
            // the bot subscribes while its application starts: ask until it answers
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> seen = new ArrayList<>();
            boolean answered = false;
            while (!answered) {
                assertTrue(System.nanoTime() < deadline, "the bot answers `!bot help` in general; " + seen + "; " + HUB.output());
                say("general", "alice", "!bot help");
                for (ReceivedUpdate u : drainWithin(g, Duration.ofMillis(300))) {
                    seen.add(u.data());
                    answered |= u.data().contains("\"from\":\"bot\"") && u.data().contains("Hello alice!");
                }
            }
            assertTrue(answered);
            say("random", "alice", "hi");
            say("random", "bob", "hello alice");
            say("random", "alice", "!bot stats");
            assertEquals("3 messages seen in random, from 2 people", answer(r));
            say("random", "bob", "!bot time");
            assertTrue(answer(r).matches("It is \\d\\d:\\d\\d UTC"), "the time, in UTC");
            say("random", "carol", "just chatting");
            assertTrue(r.awaitItems(1, WAIT).get(0).data().contains("\"from\":\"carol\""), "carol's message");
            assertTrue(r.nothingWithin(Duration.ofMillis(500)), "no answer to a message that is not a command");
        }
    }

    private static List<ReceivedUpdate> drainWithin(FlowCollector<ReceivedUpdate> c, Duration d) {
        c.nothingWithin(d);
        return c.drainItems();
    }
}
