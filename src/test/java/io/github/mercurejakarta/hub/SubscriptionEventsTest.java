package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.*;

/** Subscription events of the hub core, seen by a watcher whose grants cover the reserved namespace. */
class SubscriptionEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final TestHubs hubs = new TestHubs();

    private Hub hub(String... kv) {
        return hubs.create(kv);
    }

    /** A draft-08 watcher on every topic whose token grants everything. */
    private static RecordingSink watch(Hub hub) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.wildcard()), t -> true, null, null, null),
                sink).start();
        return sink;
    }

    private static Subscription open(Hub hub, Dialect d, List<Object> payloads, SubscriberSink sink, String... selectors) {
        var matchers = Arrays.stream(selectors).map(s -> d == Dialect.DRAFT_07 ? TopicMatchers.draft07(s) : TopicMatchers.exact(s)).toList();
        Subscription s = hub.subscribe(new SubscriptionRequest(d, matchers, null, null, null, null,
                "/app/.well-known/mercure", payloads), sink);
        s.start();
        return s;
    }

    @Test
    void draft08ConnectionIsAnnouncedWithEventTypeMercureAndItsPayload() throws Exception {
        Hub hub = hub();
        RecordingSink watcher = watch(hub);
        Subscription s = open(hub, Dialect.DRAFT_08, List.of(Map.of("user", "alice")), new RecordingSink(), "https://e.x/1");
        String id = "/app/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fe.x%2F1/" + s.subscriberId().replace(":", "%3A");
        String text = watcher.awaitText(t -> t.contains("\"active\":true"), WAIT);
        assertTrue(text.contains("event: mercure\n"), "draft-08 events are sent as event: mercure: " + text);
        assertTrue(text.contains("data: {\"id\":\"" + id + "\",\"type\":\"subscription\",\"match_type\":\"exact\","
                + "\"match\":\"https://e.x/1\",\"subscriber\":\"" + s.subscriberId() + "\",\"active\":true,"
                + "\"payload\":{\"user\":\"alice\"}}"), "the document, id = its topic under the mounted hub path: " + text);
    }

    @Test
    void closingAnnouncesActiveFalseAndForgetsTheRecord() throws Exception {
        Hub hub = hub();
        RecordingSink watcher = watch(hub);
        Subscription s = open(hub, Dialect.DRAFT_07, null, new RecordingSink(), "https://e.x/{id}");
        watcher.awaitText(t -> t.contains("\"active\":true"), WAIT);
        assertEquals(1, hub.subscriptions().subscriptions().stream().filter(r -> r.subscriber().equals(s.subscriberId())).count(),
                "the record is listed while the connection is open");
        s.close();
        String text = watcher.awaitText(t -> t.contains("\"active\":false"), WAIT);
        assertTrue(text.contains("\"@context\":\"https://mercure.rocks/\""), "draft-07 connections get JSON-LD events: " + text);
        String frame = text.substring(text.lastIndexOf("\n\n", text.indexOf("\"active\":false")) + 2);
        assertFalse(frame.startsWith("event:"), "draft-07 events have no event type: " + frame);
        assertTrue(hub.subscriptions().subscriptions().stream().noneMatch(r -> r.subscriber().equals(s.subscriberId())),
                "the record is gone once active:false is announced");
    }

    @Test
    void eachSelectorIsOneSubscriptionWithItsOwnPayload() {
        Hub hub = hub();
        Subscription s = open(hub, Dialect.DRAFT_08, Arrays.asList(Map.of("room", "a"), null, Map.of("room", "a")), new RecordingSink(), "a", "b", "a");
        List<ActiveSubscription> mine = hub.subscriptions().subscriptions().stream()
                .filter(r -> r.subscriber().equals(s.subscriberId())).toList();
        assertEquals(List.of("a", "b"), mine.stream().map(ActiveSubscription::match).toList(), "a repeated selector is one subscription");
        assertEquals(Map.of("room", "a"), mine.get(0).payload(), "the first selector's payload");
        assertNull(mine.get(1).payload(), "the second selector has none");
    }

    @Test
    void aFailedWriteEndsTheSubscription() throws Exception {
        Hub hub = hub("mercure.hub.keepalive.interval", "1");
        RecordingSink watcher = watch(hub);
        Subscription s = open(hub, Dialect.DRAFT_08, null, new GoneSink(), "x");
        watcher.awaitText(t -> t.contains("\"active\":false"), Duration.ofSeconds(10));
        assertTrue(hub.subscriptions().subscriptions().stream().noneMatch(r -> r.subscriber().equals(s.subscriberId())),
                "a client found gone by a write is no longer listed");
    }

    @Test
    void anonymousSubscribersNeverSeeSubscriptionEvents() throws Exception {
        Hub hub = hub();
        RecordingSink anonymous = new RecordingSink();
        hub.subscribe(new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.wildcard()), null, null, null, null), anonymous).start();
        RecordingSink watcher = watch(hub);
        open(hub, Dialect.DRAFT_08, null, new RecordingSink(), "x").close();
        watcher.awaitText(t -> t.contains("\"match\":\"x\"") && t.contains("\"active\":false"), WAIT);
        hub.publish(io.github.mercurejakarta.Update.builder().topic("after").id("after").build());
        String text = anonymous.awaitText(t -> t.contains("id: after"), WAIT);
        assertFalse(text.contains("subscription"), "the events are private: an anonymous subscriber on * gets none: " + text);
    }

    @Test
    void noEventsAndNoListingWhenTheFeatureIsOff() throws Exception {
        Hub hub = hub("mercure.hub.subscriptions", "false");
        RecordingSink watcher = watch(hub);
        open(hub, Dialect.DRAFT_08, null, new RecordingSink(), "x").close();
        hub.publish(io.github.mercurejakarta.Update.builder().topic("after").id("after").build());
        String text = watcher.awaitText(t -> t.contains("id: after"), WAIT);
        assertFalse(text.contains("subscription"), "no subscription event: " + text);
        assertThrows(io.github.mercurejakarta.exceptions.ConfigurationException.class, hub::subscriptions, "no listing either");
    }

    /** A connection whose client is gone: every write after the opening one fails. */
    private static final class GoneSink implements SubscriberSink {
        private int writes;

        @Override
        public synchronized CompletionStage<?> write(byte[] bytes) {
            return writes++ == 0 ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
        }

        @Override
        public void close() {
        }
    }
}
