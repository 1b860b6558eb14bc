package io.github.mercurejakarta.it.messaging;

import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.Update;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * A service wired with Reactive Messaging alone: it listens to the chat rooms through the {@code mercure}
 * connector (channel {@code rooms}) and answers each post with a digest line on channel {@code digest}
 * (the {@code mercure} connector again, publishing through the application's embedded hub): the id and
 * type of the update it read, and its text decoded with JSON-B.
 */
@ApplicationScoped
public class RoomDigest {

    public static final String DIGEST_TOPIC = "https://example.com/digest";

    /** What a room post carries (JSON). */
    public static class Post {
        public String author;
        public String text;
    }

    @Incoming("rooms")
    @Outgoing("digest")
    public Message<Update> digest(Message<String> message) {
        ReceivedUpdate update = message.unwrap(ReceivedUpdate.class);
        Post post = update.data(Post.class);
        String line = update.type() + " " + update.id() + " " + post.author + ": " + post.text.toUpperCase(java.util.Locale.ROOT);
        return Message.of(Update.of(DIGEST_TOPIC, line), message::ack);
    }
}
