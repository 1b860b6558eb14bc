package io.github.mercurejakarta.testing;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.exceptions.HubUnreachableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

class MercureRecorderTest {

    public record Book(String title) {
    }

    private final MercureRecorder mercure = new MercureRecorder();

    @Test
    void recordsEveryUpdateInOrderWithTheIdItReturned() {
        String first = mercure.publish(Update.of("a", "1"));
        mercure.publish(Update.builder().topic("b").id("own-id").build());
        List<Update> all = mercure.updates();
        assertEquals(List.of("a", "b"), all.stream().map(Update::topic).toList());
        assertEquals(first, all.get(0).id(), "the generated id is the one publish returned");
        assertTrue(first.startsWith("urn:uuid:"));
        assertEquals("own-id", all.get(1).id(), "an update's own id is kept");
    }

    @Test
    void findsUpdatesByAnyOfTheirTopics() {
        mercure.publish(Update.builder().topic("books/1").topic("users/7/books").data("x").build());
        mercure.publish(Update.of("books/2", "y"));
        assertEquals(1, mercure.updates("users/7/books").size(), "alternate topics count");
        assertEquals("y", mercure.last("books/2").orElseThrow().data());
        assertTrue(mercure.last("books/3").isEmpty());
    }

    @Test
    void serialisesObjectsWithJsonB() {
        mercure.publish("books/1", new Book("Dune"));
        assertEquals("{\"title\":\"Dune\"}", mercure.last().orElseThrow().data());
    }

    @Test
    void clearForgetsEverything() {
        mercure.publish(Update.of("a", "1"));
        mercure.clear();
        assertTrue(mercure.updates().isEmpty());
    }

    @Test
    void failWithMakesPublishesFailWithoutRecording() {
        mercure.failWith(new HubUnreachableException("down", "http://hub", null));
        assertThrows(HubUnreachableException.class, () -> mercure.publish(Update.of("a", "1")));
        assertTrue(mercure.publishAsync(Update.of("a", "1")).toCompletableFuture().isCompletedExceptionally());
        assertTrue(mercure.updates().isEmpty(), "a failed publish records nothing");
    }

    @Test
    void awaitWaitsForUpdatesFromOtherThreads() {
        CompletableFuture.runAsync(() -> mercure.publish(Update.of("a", "later")));
        assertEquals("later", mercure.await(1, Duration.ofSeconds(5)).get(0).data());
    }

    @Test
    void awaitFailsWithWhatDidArrive() {
        mercure.publish(Update.of("a", "1"));
        AssertionError e = assertThrows(AssertionError.class, () -> mercure.await(2, Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("expected 2") && e.getMessage().contains("got 1"), e.getMessage());
    }
}
