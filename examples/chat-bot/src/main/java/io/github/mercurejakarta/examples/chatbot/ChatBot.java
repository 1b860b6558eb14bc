package io.github.mercurejakarta.examples.chatbot;

import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.Update;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bot in the chat's rooms. It reads every room message (channel {@code rooms}, the {@code mercure}
 * connector subscribed to {@code <chat.topics>/rooms/{room}}) and answers the commands addressed to it in
 * the same room (channel {@code answers}), as a chat message the chat's pages show like any other:
 * <ul>
 *   <li>{@code !bot help}: what it can do;</li>
 *   <li>{@code !bot stats}: how many messages it has seen in the room, and from how many people;</li>
 *   <li>{@code !bot time}: the time (UTC).</li>
 * </ul>
 * Anything else produces no message (the processor returns an empty stream), and the bot's own messages,
 * which come back on the room's topic, are ignored.
 */
@ApplicationScoped
public class ChatBot {

    /** The bot's user name in the chat. */
    public static final String NAME = "bot";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A chat message as examples/chat publishes it (its ChatMessage record, event type chat-message). */
    public static class ChatMessage {
        public String room;
        public String from;
        public String text;
        public String sentAt;

        public ChatMessage() {
        }

        ChatMessage(String room, String from, String text, String sentAt) {
            this.room = room;
            this.from = from;
            this.text = text;
            this.sentAt = sentAt;
        }
    }

    private final Jsonb jsonb = JsonbBuilder.create();
    private final Map<String, AtomicLong> messages = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Boolean>> people = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "chat.topics")
    String topics;

    Clock clock = Clock.systemUTC();

    @Incoming("rooms")
    @Outgoing("answers")
    public PublisherBuilder<Message<Update>> answer(Message<String> message) {
        ReceivedUpdate update = message.unwrap(ReceivedUpdate.class);
        ChatMessage said;
        try {
            said = update.type().equals("chat-message") ? jsonb.fromJson(update.data(), ChatMessage.class) : null;
        } catch (RuntimeException notAChatMessage) {
            said = null;
        }
        if (said == null || said.room == null || said.text == null || NAME.equals(said.from)) {
            return ReactiveStreams.empty();
        }
        messages.computeIfAbsent(said.room, r -> new AtomicLong()).incrementAndGet();
        people.computeIfAbsent(said.room, r -> new ConcurrentHashMap<>()).put(String.valueOf(said.from), Boolean.TRUE);
        String text = said.text.strip();
        if (!text.startsWith("!bot")) {
            return ReactiveStreams.empty();
        }
        String command = text.substring(4).strip();
        String reply = switch (command) {
            case "stats" -> messages.get(said.room).get() + " messages seen in " + said.room + ", from "
                    + people.get(said.room).size() + " people";
            case "time" -> "It is " + TIME.format(clock.instant());
            default -> "Hello " + said.from + "! I answer `!bot stats` and `!bot time`.";
        };
        ChatMessage answer = new ChatMessage(said.room, NAME, reply, Instant.now(clock).toString());
        Update out = Update.builder().topic(topics + "/rooms/" + said.room).data(jsonb.toJson(answer)).type("chat-message").build();
        return ReactiveStreams.of(Message.of(out));
    }
}
