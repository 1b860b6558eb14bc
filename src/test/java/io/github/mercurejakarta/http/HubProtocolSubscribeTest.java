package io.github.mercurejakarta.http;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriptionRequest;
import io.github.mercurejakarta.match.TopicMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a subscribe request keeps for as long as its stream is open: subscriptions with the same selector
 * share one immutable matcher, a relative URL pattern is still resolved against each request's own hub URL,
 * and an anonymous subscription's payloads are the single null.
 */
class HubProtocolSubscribeTest {

    private Hub hub;
    private HubProtocol protocol;
    private final List<HubProtocol.SubscribeResult> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "0"));
        hub = Hub.create(config);
        protocol = new HubProtocol(config, hub);
    }

    @AfterEach
    void stop() {
        opened.forEach(r -> r.subscription().close());
        hub.close();
    }

    private record Get(String hubUrl, String rawQuery) implements HubRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String header(String name) {
            return null;
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private SubscriptionRequest subscribe(String hubUrl, String rawQuery) {
        HubProtocol.SubscribeResult r = protocol.subscribe(new Get(hubUrl, rawQuery), new NullSink());
        assertTrue(r.ok(), () -> r.error().status() + " " + r.error().body());
        opened.add(r);
        return r.subscription().subscriber().request();
    }

    @Test
    void aClosedHubAnswersSubscribersUnavailable() {
        hub.close();
        HubProtocol.SubscribeResult r = protocol.subscribe(new Get("https://hub.example/.well-known/mercure", "topic=t"),
                new NullSink());
        assertEquals(503, r.error().status(), "a hub that is shutting down is unavailable: the client retries");
    }

    @Test
    void subscriptionsWithTheSameSelectorShareOneMatcher() {
        String hubUrl = "https://hub.example/.well-known/mercure";
        String query = "topic=" + enc("https://example.com/books/{id}");
        TopicMatcher first = subscribe(hubUrl, query).selectors().get(0);
        TopicMatcher second = subscribe(hubUrl, query).selectors().get(0);
        assertSame(first, second);
        assertTrue(second.matches("https://example.com/books/1"));
        TopicMatcher other = subscribe(hubUrl, "topic=" + enc("https://example.com/authors/{id}")).selectors().get(0);
        assertNotSame(first, other);
        assertTrue(other.matches("https://example.com/authors/2"));
        assertFalse(other.matches("https://example.com/books/1"));
        // the same string as a draft-08 exact selector is another matcher
        TopicMatcher exact = subscribe(hubUrl, "match=" + enc("https://example.com/books/{id}")).selectors().get(0);
        assertNotSame(first, exact);
        assertFalse(exact.matches("https://example.com/books/1"));
    }

    @Test
    void aRelativeUrlPatternIsResolvedAgainstEachRequestsHubUrl() {
        String query = "match_urlpattern=" + enc("/books/:id");
        TopicMatcher a = subscribe("https://a.example/.well-known/mercure", query).selectors().get(0);
        TopicMatcher b = subscribe("https://b.example/.well-known/mercure", query).selectors().get(0);
        assertTrue(a.matches("https://a.example/books/1"));
        assertFalse(a.matches("https://b.example/books/1"));
        assertTrue(b.matches("https://b.example/books/1"));
        assertFalse(b.matches("https://a.example/books/1"));
    }

    @Test
    void anAnonymousSubscriptionHasOneNullPayloadPerSelectorAndTheHubPath() {
        SubscriptionRequest one = subscribe("https://hub.example/app/.well-known/mercure", "topic=t1");
        assertEquals(Arrays.asList((Object) null), one.payloads());
        assertEquals("/app/.well-known/mercure", one.hubPath());
        SubscriptionRequest three = subscribe("https://other.example/.well-known/mercure", "topic=t1&topic=t2&topic=t3");
        assertEquals(Arrays.asList(null, null, null), three.payloads());
        assertEquals("/.well-known/mercure", three.hubPath());
    }

}
