package io.github.mercurejakarta.it.bridge.broken;

import io.github.mercurejakarta.MercureTopic;

/** Its topic names {isbn}, which it lacks: the deployment must fail (BrokenTopicIT). */
@MercureTopic("https://example.com/books/{isbn}")
public record BookWithoutIsbn(long id) {
}
