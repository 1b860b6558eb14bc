package io.github.mercurejakarta.examples.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat's rooms and its Mercure topics: {@code <chat.topics>/rooms/<room>} (public, one per room) and
 * {@code <chat.topics>/users/<user>/inbox} (private messages), plus the selector of the hub's subscription
 * events, which feed the presence list.
 */
@ApplicationScoped
public class ChatTopics {

    /** Room and user names: short, and safe anywhere (topics, URLs, HTML attributes) without escaping. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,23}");

    @Inject
    @ConfigProperty(name = "chat.topics")
    String base;

    @Inject
    @ConfigProperty(name = "chat.rooms")
    List<String> rooms;

    /** @return whether {@code name} is acceptable as a user or room name */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public List<String> rooms() {
        return rooms;
    }

    public boolean roomExists(String room) {
        return rooms.contains(room);
    }

    /** @return the topic of a room's messages, e.g. {@code https://chat.example.com/rooms/general} */
    public String room(String room) {
        return base + "/rooms/" + room;
    }

    /** @return the topic of a user's private messages, e.g. {@code https://chat.example.com/users/alice/inbox} */
    public String inbox(String user) {
        return base + "/users/" + user + "/inbox";
    }

    /**
     * The draft-07 selector of every subscription event of the hub whose URL is {@code hubUrl}: the events'
     * topics are {@code <hub path>/subscriptions/<topic>/<subscriber>}, a path on the hub's origin.
     *
     * @param hubUrl the hub URL browsers use ({@code mercure.hubUrl()})
     */
    public String subscriptionEvents(String hubUrl) {
        return URI.create(hubUrl).getRawPath() + "/subscriptions/{topic}{/subscriber}";
    }
}
