package io.github.mercurejakarta.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SubscriptionTopicsTest {

    private static final String HUB = "/.well-known/mercure";

    @Test
    void aUrlPatternMatcherIsEncodedOnceAsAWholeString() {
        // checklist item 88: the event id for matcher https://e.x/:s contains https%3A%2F%2Fe.x%2F%3As
        String id = SubscriptionTopics.draft08(HUB, "urlpattern", "https://e.x/:s", "urn:uuid:1");
        assertEquals("/.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fe.x%2F%3As/urn%3Auuid%3A1", id,
                "slash, colon and the subscriber's colons are all percent-encoded");
    }

    @Test
    void aPercentSignIsEncodedSoNothingIsEverDecodedTwice() {
        assertEquals("a%252Fb", SubscriptionTopics.encode("a%2Fb"), "an escape in the value is data: its % is encoded");
        assertEquals("a%2Fb", SubscriptionTopics.decodeSegment(SubscriptionTopics.encode("a%2Fb")),
                "decoding once gives the value back, escape included");
    }

    @Test
    void draft07IdsHaveTopicAndSubscriberOnly() {
        assertEquals("/app/.well-known/mercure/subscriptions/https%3A%2F%2Fe.x%2Fbooks%2F%7Bid%7D/urn%3Auuid%3Ax",
                SubscriptionTopics.draft07("/app/.well-known/mercure", "https://e.x/books/{id}", "urn:uuid:x"),
                "the hub path as mounted, then the encoded template (braces included) and subscriber");
    }

    @Test
    void unreservedCharactersStayAndEverythingElseIsUtf8PercentEncoded() {
        assertEquals("aZ0-._~", SubscriptionTopics.encode("aZ0-._~"), "RFC 3986 unreserved characters are kept");
        assertEquals("a%20b%2Bc%3F%23%26%C3%A9%F0%9F%98%80", SubscriptionTopics.encode("a b+c?#&é😀"),
                "space (never +), reserved characters and UTF-8 bytes are percent-encoded");
    }

    @Test
    void decodingRoundTripsAnyString() {
        String s = "https://e.x/a b/%/+/é😀?q=1#f";
        assertEquals(s, SubscriptionTopics.decodeSegment(SubscriptionTopics.encode(s)), "decode(encode(s)) == s");
        assertEquals("a+b", SubscriptionTopics.decodeSegment("a+b"), "a plus sign in a path is a plus sign");
    }

    @Test
    void malformedEscapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SubscriptionTopics.decodeSegment("a%2"), "truncated escape");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionTopics.decodeSegment("a%zz"), "non-hex escape");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionTopics.decodeSegment("%C3%28"), "bytes that are not UTF-8");
    }

    @Test
    void theDefaultHubPathIsTheWellKnownOne() {
        assertEquals("/.well-known/mercure/subscriptions", SubscriptionTopics.prefix(null), "no hub path: the well-known one");
        assertEquals("/x/.well-known/mercure/subscriptions", SubscriptionTopics.prefix("/x/.well-known/mercure/"),
                "a trailing slash of the hub path is not doubled");
    }
}
