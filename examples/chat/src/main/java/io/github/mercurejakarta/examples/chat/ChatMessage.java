package io.github.mercurejakarta.examples.chat;

import io.github.mercurejakarta.MercureTopic;

/**
 * A message to everyone in a room. Firing it as a CDI event publishes it (the library's {@code @MercureTopic}
 * bridge): topic {@code <chat.topics>/rooms/<room>}, SSE event type {@code chat-message}, data this record
 * as JSON.
 *
 * @param room   the room's name
 * @param from   the sender's user name
 * @param text   what was said
 * @param sentAt when, ISO-8601 (UTC)
 */
@MercureTopic(value = "${chat.topics}/rooms/{room}", type = "chat-message")
public record ChatMessage(String room, String from, String text, String sentAt) {
}
