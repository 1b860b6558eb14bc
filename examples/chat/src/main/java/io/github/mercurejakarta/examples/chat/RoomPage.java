package io.github.mercurejakarta.examples.chat;

import java.util.List;

/** What {@code room.html} shows, as {@code #{page...}}: JavaBeans getters, which Jakarta EL reads. */
public class RoomPage {

    private final String user;
    private final String room;
    private final List<String> rooms;
    private final String roomTopic;
    private final String inboxTopic;
    private final String subscriptionEvents;

    RoomPage(String user, String room, List<String> rooms, String roomTopic, String inboxTopic, String subscriptionEvents) {
        this.user = user;
        this.room = room;
        this.rooms = rooms;
        this.roomTopic = roomTopic;
        this.inboxTopic = inboxTopic;
        this.subscriptionEvents = subscriptionEvents;
    }

    public String getUser() {
        return user;
    }

    public String getRoom() {
        return room;
    }

    /** @return the rooms, comma-separated (the page's script makes the links) */
    public String getRooms() {
        return String.join(",", rooms);
    }

    public String getRoomTopic() {
        return roomTopic;
    }

    public String getInboxTopic() {
        return inboxTopic;
    }

    public String getSubscriptionEvents() {
        return subscriptionEvents;
    }
}
