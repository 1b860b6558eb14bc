package io.github.mercurejakarta.portable.app;

import io.github.mercurejakarta.MercureTopic;

/** A CDI event the library's bridge publishes: topic from the record's {@code id}, JSON-B body. */
@MercureTopic(value = "https://example.com/books/{id}", type = "book-changed")
public record BookChanged(String id, String title) {
}
