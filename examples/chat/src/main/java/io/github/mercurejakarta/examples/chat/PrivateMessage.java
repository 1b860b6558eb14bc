package io.github.mercurejakarta.examples.chat;

/**
 * A message from one user to another, published by {@link ChatResource} as a private update on both users'
 * inboxes: only subscribers whose token grants one of them (the two users' authorization cookies) receive it.
 *
 * @param from   the sender's user name
 * @param to     the addressee's user name
 * @param text   what was said
 * @param sentAt when, ISO-8601 (UTC)
 */
public record PrivateMessage(String from, String to, String text, String sentAt) {
}
