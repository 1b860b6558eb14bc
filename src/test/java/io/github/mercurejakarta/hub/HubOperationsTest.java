package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection limits, graceful ends and the counters of the hub core. */
class HubOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final TestHubs hubs = new TestHubs();

    private Hub hub(String... kv) {
        return hubs.create(kv);
    }

    private static SubscriptionRequest req(String topic) {
        return new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.exact(topic)), null, null, null, null);
    }

    @Test
    void aClosedStreamGivesBackItsPlaceUnderBothConnectionLimits() throws Exception {
        Hub hub = hub("mercure.hub.max.connections", "2", "mercure.hub.max.connections.per.address", "1");
        Subscription a = hub.subscribe(req("t"), new RecordingSink(), "192.0.2.1");
        a.start();
        LimitExceededException perAddress = assertThrows(LimitExceededException.class,
                () -> hub.subscribe(req("t"), new RecordingSink(), "192.0.2.1"));
        assertEquals(Limit.CONNECTIONS_PER_ADDRESS, perAddress.limit());
        hub.subscribe(req("t"), new RecordingSink(), "192.0.2.2").start();
        LimitExceededException total = assertThrows(LimitExceededException.class,
                () -> hub.subscribe(req("t"), new RecordingSink(), "192.0.2.3"));
        assertEquals(Limit.CONNECTIONS, total.limit());
        assertEquals(1, hub.metrics().limitRejections(Limit.CONNECTIONS));
        assertEquals(1, hub.metrics().limitRejections(Limit.CONNECTIONS_PER_ADDRESS));

        a.close();
        hub.subscribe(req("t"), new RecordingSink(), "192.0.2.1").start(); // the place is free again
        assertEquals(2, hub.metrics().subscribers());
    }

    @Test
    void shutdownWritesWhatIsQueuedThenEndsEachStream() throws Exception {
        Hub hub = hub("mercure.hub.shutdown.timeout", "5");
        RecordingSink sink = new RecordingSink();
        hub.subscribe(req("t"), sink).start();
        for (int i = 0; i < 50; i++) {
            hub.publish(Update.builder().topic("t").id("u" + i).data("x").build());
        }
        hub.close();
        assertTrue(sink.isClosed(), "the stream ended");
        assertTrue(sink.text().contains("id: u49\n"), "every queued update was written before the end: " + sink.text().length());
        assertEquals(1, hub.metrics().disconnects(DisconnectCause.SHUTDOWN));
    }

    @Test
    void aStuckStreamDoesNotHoldShutdownBeyondItsBound() {
        Hub hub = hub("mercure.hub.shutdown.timeout", "1");
        RecordingSink stuck = new RecordingSink(true); // its writes never complete
        hub.subscribe(req("t"), stuck).start();
        hub.publish(Update.builder().topic("t").data("x").build());
        hub.close();
        assertTrue(stuck.isClosed(), "closed at the bound, although its write never completed");
    }

    @Test
    void lifetimeEndsTheStreamCleanlyAndCountsItsCause() throws Exception {
        Hub hub = hub("mercure.hub.connection.lifetime", "1", "mercure.hub.connection.lifetime.jitter", "0");
        RecordingSink sink = new RecordingSink();
        hub.subscribe(req("t"), sink).start();
        assertTrue(sink.awaitClosed(WAIT), "ended after its lifetime");
        assertEquals(1, hub.metrics().disconnects(DisconnectCause.LIFETIME));
        assertEquals(0, hub.metrics().subscribers());
        assertEquals(0, hub.metrics().subscriptions());
    }

    @Test
    void lifetimeIsSpreadByTheJitter() {
        for (int i = 0; i < 1000; i++) {
            long ms = StreamMaintenance.lifetimeMillis(Duration.ofSeconds(600), Duration.ofSeconds(60));
            assertTrue(ms >= 540_000 && ms <= 660_000, "within lifetime ± jitter: " + ms);
        }
    }

    @Test
    void countersFollowPublishAndDispatch() throws Exception {
        Hub hub = hub();
        RecordingSink one = new RecordingSink();
        RecordingSink two = new RecordingSink();
        hub.subscribe(req("t"), one).start();
        hub.subscribe(req("t"), two).start();
        hub.publish(Update.builder().topic("t").id("a").build());
        hub.publish(Update.builder().topic("other").id("b").build());
        one.awaitText(t -> t.contains("id: a"), WAIT);
        two.awaitText(t -> t.contains("id: a"), WAIT);
        assertEquals(2, hub.metrics().updatesPublished());
        assertEquals(2, hub.metrics().updatesDispatched(), "one update to two subscribers; the other matched nobody");
        // a write is timed once it has returned, just after the sink has the bytes: wait for the count
        long end = System.nanoTime() + WAIT.toNanos();
        long[] cumulative = hub.metrics().latencyCumulativeCounts();
        while (cumulative[cumulative.length - 1] < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
            cumulative = hub.metrics().latencyCumulativeCounts();
        }
        assertTrue(cumulative[cumulative.length - 1] >= 2, "each subscriber's write was timed");
    }

    @Test
    void anInvalidOperationsSettingNamesItsKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> hub("mercure.hub.connection.lifetime", "10", "mercure.hub.connection.lifetime.jitter", "10"));
        assertEquals("mercure.hub.connection.lifetime.jitter", e.key());
        ConfigurationException n = assertThrows(ConfigurationException.class, () -> hub("mercure.hub.max.connections", "many"));
        assertEquals("mercure.hub.max.connections", n.key());
    }

    @Test
    void settingsAreReadFromTheirKeys() {
        HubSettings s = HubSettings.of(MercureConfig.of(Map.of("mercure.hub.subscriber.queue.size", "7",
                "mercure.hub.max.topics", "3", "mercure.hub.keepalive.interval", "0", "mercure.hub.dispatch.timeout", "9",
                "mercure.hub.subscriptions", "false", "mercure.hub.max.connections", "5")));
        assertEquals(new HubSettings(7, 3, Duration.ZERO, Duration.ofSeconds(9), false, s.operations()), s);
        assertEquals(5, s.operations().maxConnections(), "the operational settings come along");
    }
}
