package io.github.mercurejakarta.it.bridge;

import io.github.mercurejakarta.MercureTopic;

/** Event types of the bridge ITs. */
public final class BridgeEvents {

    private BridgeEvents() {
    }

    @MercureTopic(value = "https://example.com/books/{id}", type = "book-changed")
    public record BookChanged(String id, String title) {
    }

    /** Published only after the transaction it is fired in commits. */
    @MercureTopic(value = "https://example.com/orders/{id}", afterCommit = true)
    public record OrderPlaced(String id, String state) {
    }

    /** Not annotated: published through a qualified firing point. */
    public record Note(String id, String text) {
    }
}
