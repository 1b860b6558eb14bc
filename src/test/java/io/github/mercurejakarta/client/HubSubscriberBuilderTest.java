package io.github.mercurejakarta.client;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the builder accepts and refuses, the query it sends, the token expiry it reads, JSON-B decoding. */
class HubSubscriberBuilderTest {

    private static final URI HUB = URI.create("http://localhost:3000/.well-known/mercure");

    public static class Book {
        public String title;
        public int year;
    }

    @Test
    void theApiFindsThisImplementationThroughServiceLoader() {
        assertInstanceOf(HubSubscriberBuilder.class, MercureSubscriber.builder(HUB));
    }

    @Test
    void selectorsBecomeTheQueryOfTheirDraftFormEncoded() {
        HubSubscriberBuilder b = new HubSubscriberBuilder(URI.create("http://h/.well-known/mercure?x=1#frag"));
        b.match("https://example.com/a b", "https://example.com/{id}");
        assertEquals("http://h/.well-known/mercure?x=1&match=https%3A%2F%2Fexample.com%2Fa+b&match=https%3A%2F%2Fexample.com%2F%7Bid%7D",
                b.streamUrl().toString());
    }

    @Test
    void badSettingsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> MercureSubscriber.builder(HUB).build(), "no selector");
        assertThrows(IllegalArgumentException.class, () -> MercureSubscriber.builder(HUB).topics("a").match("b").build(), "two drafts");
        assertThrows(IllegalArgumentException.class, () -> MercureSubscriber.builder(URI.create("ftp://h/x")).topics("a").build());
        assertThrows(IllegalArgumentException.class, () -> MercureSubscriber.builder(HUB).bufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> MercureSubscriber.builder(HUB).reconnectDelay(Duration.ZERO));
    }

    @Test
    void theExpiryOfAJwtIsReadWithoutVerifyingIt() {
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1700000000}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1_700_000_000_000L, HubSubscriber.expiry("e30." + claims + ".sig").orElseThrow());
        assertTrue(HubSubscriber.expiry("not-a-jwt").isEmpty());
        assertTrue(HubSubscriber.expiry("e30.e30.sig").isEmpty(), "no exp: no renewal");
    }

    @Test
    void dataDecodesWithJsonB() {
        Book b = ReceivedUpdate.of("urn:uuid:1", null, "{\"title\":\"Dune\",\"year\":1965}", null).data(Book.class);
        assertEquals("Dune", b.title);
        assertEquals(1965, b.year);
        assertEquals("message", ReceivedUpdate.of("", "", "x", null).type(), "no type: message, as EventSource says");
    }
}
