package io.github.mercurejakarta.examples.chat;

/**
 * One connection in a room, as the hub's subscriptions feature reports it.
 *
 * @param subscriber the connection's id ({@code urn:uuid:...}), which its subscription events carry too
 * @param user       the user name from the subscriber token's payload
 */
public record Presence(String subscriber, String user) {
}
