package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.MercureTopic;
import io.github.mercurejakarta.testing.MercureRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Event types and beans of the CDI bridge tests (public: JSON-B serialises them). */
public final class TopicEvents {

    private TopicEvents() {
    }

    @MercureTopic("https://example.com/books/{id}")
    public record BookChanged(long id, String title) {
    }

    @MercureTopic(value = "chat/{room}", type = "chat-message", privateUpdate = true, retry = 3000)
    public record ChatMessage(String room, String text) {
    }

    @MercureTopic(value = "orders/{id}", afterCommit = true)
    public record OrderPlaced(String id) {
    }

    @MercureTopic("${test.base.url}/items/{+path}")
    public record ItemMoved(String path) {
    }

    /** Not annotated: published only when fired through a qualified Event. */
    public record Book(long id, String title) {
    }

    /** A JavaBean event: placeholders read getters too. */
    @MercureTopic("users/{userId}/{active}")
    public static class UserSeen {
        private final String userId;

        public UserSeen(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        public boolean isActive() {
            return true;
        }
    }

    /** The code under test: fires events through every kind of firing point (no proxy: tests read its fields). */
    @Singleton
    public static class Shop {
        @Inject
        Event<BookChanged> bookChanges;
        @Inject
        Event<ChatMessage> chat;
        @Inject
        Event<OrderPlaced> orders;
        @Inject
        Event<ItemMoved> items;
        @Inject
        Event<UserSeen> users;
        @Inject
        @MercureTopic(value = "https://example.com/library/{id}", type = "book")
        Event<Book> books;
        @Inject
        @MercureTopic(value = "https://example.com/committed/{id}", afterCommit = true)
        Event<Book> committedBooks;
        @Inject
        @MercureTopic("https://example.com/override/{id}")
        Event<BookChanged> overriddenBookChanges;
        @Inject
        Event<Object> anything;
    }

    /** The application's Mercure in these tests: a recorder. */
    @ApplicationScoped
    public static class RecordingMercure {
        @Produces
        @Singleton
        MercureRecorder mercure() {
            return new MercureRecorder();
        }
    }
}
