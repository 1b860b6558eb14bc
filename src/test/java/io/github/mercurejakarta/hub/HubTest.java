package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.exceptions.InvalidUpdateException;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class HubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final TestHubs hubs = new TestHubs();

    private Hub hub(String... kv) {
        return hubs.create(kv);
    }

    private static SubscriptionRequest req(String lastEventId, TopicMatcher... selectors) {
        return new SubscriptionRequest(Dialect.DRAFT_08, List.of(selectors), null, null, lastEventId, null);
    }

    private static RecordingSink open(Hub hub, SubscriptionRequest r) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(r, sink).start();
        return sink;
    }

    private static List<String> ids(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^id: (.*)$").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void exactSubscriberReceivesTheFramedUpdate() throws Exception {
        Hub hub = hub();
        RecordingSink sink = open(hub, req(null, TopicMatchers.exact("https://e.x/books/1")));
        hub.publish(Update.builder().topic("https://e.x/books/1").data("a\nb").id("u1").type("t").retry(0L).build());
        String text = sink.awaitText(t -> t.contains("data: b"), WAIT);
        assertTrue(text.startsWith(":\n"), "the stream opens with a comment so headers are flushed at once: " + text);
        assertTrue(text.endsWith("event: t\nid: u1\nretry: 0\ndata: a\ndata: b\n\n"), "fields event, id, retry, data: " + text);
    }

    @Test
    void otherTopicsAreNotDelivered() throws Exception {
        Hub hub = hub();
        RecordingSink sink = open(hub, req(null, TopicMatchers.exact("a")));
        hub.publish(Update.builder().topic("b").id("b1").build());
        hub.publish(Update.builder().topic("a").id("a1").build());
        String text = sink.awaitText(t -> t.contains("id: a1"), WAIT);
        assertEquals(List.of("a1"), ids(text), "only the update on the subscribed topic arrives");
    }

    @Test
    void updateMatchingSeveralSelectorsArrivesOnce() throws Exception {
        Hub hub = hub();
        RecordingSink sink = open(hub, req(null, TopicMatchers.exact("a"), TopicMatchers.exact("b"), TopicMatchers.wildcard()));
        hub.publish(Update.builder().topic("a").topic("b").id("x1").build());
        hub.publish(Update.builder().topic("c").id("x2").build());
        String text = sink.awaitText(t -> t.contains("id: x2"), WAIT);
        assertEquals(List.of("x1", "x2"), ids(text), "each update exactly once");
    }

    @Test
    void alternateTopicSelectsTheUpdate() throws Exception {
        Hub hub = hub();
        RecordingSink sink = open(hub, req(null, TopicMatchers.exact("alt")));
        hub.publish(Update.builder().topic("canonical").topic("alt").id("x1").build());
        assertEquals(List.of("x1"), ids(sink.awaitText(t -> t.contains("id: x1"), WAIT)));
    }

    @Test
    void privateUpdateSkipsPublicSubscribersAndReachesAuthorisedOnes() throws Exception {
        Hub hub = hub();
        RecordingSink anon = open(hub, req(null, TopicMatchers.wildcard()));
        RecordingSink authorised = open(hub, new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.wildcard()),
                topics -> topics.contains("secret"), null, null, null));
        hub.publish(Update.builder().topic("secret").id("p1").privateUpdate(true).build());
        hub.publish(Update.builder().topic("public").id("p2").build());
        assertEquals(List.of("p1", "p2"), ids(authorised.awaitText(t -> t.contains("id: p2"), WAIT)));
        assertEquals(List.of("p2"), ids(anon.awaitText(t -> t.contains("id: p2"), WAIT)), "the anonymous stream never sees the private update");
    }

    @Test
    void generatedIdsAreUuidUrns() {
        Hub hub = hub();
        String id = hub.publish(Update.of("a", "x"));
        assertTrue(id.matches("urn:uuid:[0-9a-f-]{36}"), id);
        assertEquals(id, hub.lastEventId());
    }

    @Test
    void reconnectionReplaysWhatFollowsTheCursor() throws Exception {
        Hub hub = hub();
        for (int i = 1; i <= 5; i++) {
            hub.publish(Update.builder().topic(i % 2 == 0 ? "even" : "odd").id("e" + i).build());
        }
        RecordingSink sink = new RecordingSink();
        Subscription s = hub.subscribe(req("e2", TopicMatchers.exact("odd")), sink);
        assertEquals("e2", s.resolvedCursor(), "a known cursor is echoed");
        s.start();
        hub.publish(Update.builder().topic("odd").id("e7").build());
        assertEquals(List.of("e3", "e5", "e7"), ids(sink.awaitText(t -> t.contains("id: e7"), WAIT)),
                "matching history after the cursor, then live");
    }

    @Test
    void earliestAndUnknownCursorsReplayEverythingKept() throws Exception {
        Hub hub = hub();
        hub.publish(Update.builder().topic("t").id("h1").build());
        hub.publish(Update.builder().topic("t").id("h2").build());
        for (String cursor : List.of("earliest", "no-such-id")) {
            RecordingSink sink = new RecordingSink();
            Subscription s = hub.subscribe(req(cursor, TopicMatchers.exact("t")), sink);
            assertEquals("earliest", s.resolvedCursor(), cursor + " resolves to earliest");
            s.start();
            assertEquals(List.of("h1", "h2"), ids(sink.awaitText(t -> t.contains("id: h2"), WAIT)), cursor);
        }
    }

    @Test
    void noCursorMeansNoReplayAndNoResolvedCursor() throws Exception {
        Hub hub = hub();
        hub.publish(Update.builder().topic("t").id("old").build());
        RecordingSink sink = new RecordingSink();
        Subscription s = hub.subscribe(req(null, TopicMatchers.exact("t")), sink);
        assertNull(s.resolvedCursor());
        s.start();
        hub.publish(Update.builder().topic("t").id("new").build());
        assertEquals(List.of("new"), ids(sink.awaitText(t -> t.contains("id: new"), WAIT)));
    }

    @Test
    void reusedIdResolvesToItsEarliestOccurrence() throws Exception {
        Hub hub = hub();
        hub.publish(Update.builder().topic("t").id("dup").data("1").build());
        hub.publish(Update.builder().topic("t").id("mid").build());
        hub.publish(Update.builder().topic("t").id("dup").data("2").build());
        RecordingSink sink = open(hub, req("dup", TopicMatchers.exact("t")));
        assertEquals(List.of("mid", "dup"), ids(sink.awaitText(t -> t.contains("data: 2"), WAIT)),
                "replay starts after the first 'dup' and includes the later one");
    }

    @Test
    void historyKeepsOnlyTheReconciliationLength() throws Exception {
        Hub hub = hub("mercure.hub.reconciliation.length", "3");
        for (int i = 1; i <= 5; i++) {
            hub.publish(Update.builder().topic("t").id("k" + i).build());
        }
        RecordingSink sink = new RecordingSink();
        Subscription s = hub.subscribe(req("k1", TopicMatchers.exact("t")), sink);
        assertEquals("earliest", s.resolvedCursor(), "an evicted cursor is unknown");
        s.start();
        assertEquals(List.of("k3", "k4", "k5"), ids(sink.awaitText(t -> t.contains("id: k5"), WAIT)));
    }

    @Test
    void replayAndConcurrentPublishingHaveNoGapAndNoDuplicate() throws Exception {
        Hub hub = hub("mercure.hub.reconciliation.length", "100000", "mercure.hub.subscriber.queue.size", "100000");
        int total = 4000;
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                hub.publish(Update.builder().topic("t").id("c" + i).build());
            }
        });
        hub.publish(Update.builder().topic("t").id("start").build());
        publisher.start();
        List<RecordingSink> sinks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            sinks.add(open(hub, req("start", TopicMatchers.exact("t"))));
            Thread.yield();
        }
        publisher.join();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add("c" + i);
        }
        for (RecordingSink sink : sinks) {
            assertEquals(expected, ids(sink.awaitText(t -> t.contains("id: c" + (total - 1) + "\n"), WAIT)),
                    "every subscriber that resumed from 'start' sees every later update once, in order");
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsDisconnectedAndOthersContinue() throws Exception {
        Hub hub = hub("mercure.hub.subscriber.queue.size", "10");
        RecordingSink stuck = new RecordingSink(true);
        Subscription stuckSub = hub.subscribe(req(null, TopicMatchers.exact("t")), stuck);
        stuckSub.start();
        RecordingSink healthy = open(hub, req(null, TopicMatchers.exact("t")));
        for (int i = 0; i < 50; i++) {
            hub.publish(Update.builder().topic("t").id("s" + i).build());
            String id = "id: s" + i + "\n";
            healthy.awaitText(t -> t.contains(id), WAIT); // the healthy reader keeps up; the stuck one falls behind
        }
        assertTrue(stuck.awaitClosed(WAIT), "the stuck subscriber is disconnected when its queue overflows");
        assertEquals(DisconnectCause.QUEUE_OVERFLOW, stuckSub.subscriber().disconnectCause());
        assertEquals(50, ids(healthy.text()).size(), "the healthy one got all 50");
        assertEquals(1, hub.subscriberCount(), "the stuck one is unregistered");
    }

    /**
     * A client reconnecting further back than its queue's bound gets the whole replay (the history bounds it),
     * not a QUEUE_OVERFLOW that ends the stream before the newest updates; live updates are bounded as before.
     */
    @Test
    void aReplayLongerThanTheQueueBoundArrivesWholeAndLiveUpdatesAreStillBounded() throws Exception {
        Hub hub = hub("mercure.hub.subscriber.queue.size", "10");
        for (int i = 0; i < 100; i++) {
            hub.publish(Update.builder().topic("t").id("r" + i).build());
        }
        RecordingSink slow = RecordingSink.held(); // has read nothing yet while the 99 updates are queued
        Subscription sub = hub.subscribe(req("r0", TopicMatchers.exact("t")), slow);
        sub.start();
        slow.release();
        List<String> replayed = ids(slow.awaitText(t -> t.contains("id: r99\n"), WAIT));
        assertEquals(99, replayed.size(), "every update after r0, once: " + replayed);
        assertFalse(slow.isClosed(), "the replay did not overflow the stream");

        slow.hold();
        for (int i = 0; i < 30; i++) {
            hub.publish(Update.builder().topic("t").id("l" + i).build());
        }
        assertTrue(slow.awaitClosed(WAIT), "a client that stops reading live updates is still disconnected");
        assertEquals(DisconnectCause.QUEUE_OVERFLOW, sub.subscriber().disconnectCause());
    }

    /**
     * Live updates that overflow a subscriber's queue while its writer is draining it: the stream must then end
     * with what it was sent being a prefix of the order, with no hole, since the client resumes after the last
     * id it got. (Once a frame was refused, a frame accepted after it, because the writer had meanwhile made
     * room, left a hole that the client's Last-Event-ID then skipped for good.) A replay no longer counts
     * against the queue's bound (aReplayLongerThanTheQueueBound...), so the overflow comes from live updates
     * published faster than the writer takes them.
     */
    @Test
    void liveUpdatesThatOverflowTheQueueEndTheStreamAfterAGaplessPrefix() throws Exception {
        Hub hub = hub("mercure.hub.subscriber.queue.size", "10", "mercure.hub.reconciliation.length", "100",
                "mercure.hub.subscriptions", "false"); // no subscription events among the updates
        int overflowed = 0;
        for (int round = 0; round < 20; round++) {
            String topic = "t" + round;
            RecordingSink sink = open(hub, req(Dialect.EARLIEST, TopicMatchers.exact(topic)));
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 2000 && !sink.isClosed(); i++) {
                hub.publish(Update.builder().topic(topic).id(topic + "-" + i).build());
                all.add(topic + "-" + i);
            }
            if (!sink.awaitClosed(Duration.ofMillis(200))) {
                continue; // the writer kept up this round
            }
            overflowed++;
            List<String> got = ids(sink.text());
            assertEquals(all.subList(0, got.size()), got, "round " + round + ": the stream got a prefix of the order, no hole");
        }
        assertTrue(overflowed > 0, "publishing 2,000 updates in a loop overflows a queue of 10 at least once in 20 rounds");
    }

    /**
     * One fan-out starts the writers of many subscribers in a few tasks, each running its subscribers' writers
     * in turn: a stream whose writes never complete or whose sink throws, in the middle of such a task, must
     * not hold back the ones after it, and each healthy stream gets every update once and in order.
     */
    @Test
    void manySubscribersOfOneTopicGetEveryUpdateInOrderWhileSomeStallOrFail() throws Exception {
        Hub hub = hub("mercure.hub.subscriber.queue.size", "1000", "mercure.hub.dispatch.timeout", "0");
        List<RecordingSink> healthy = new ArrayList<>();
        List<Subscription> stuck = new ArrayList<>();
        List<Subscription> failing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 10 == 3) {
                Subscription s = hub.subscribe(req(null, TopicMatchers.exact("t")), new RecordingSink(true));
                s.start();
                stuck.add(s);
            } else if (i % 10 == 7) {
                Subscription s = hub.subscribe(req(null, TopicMatchers.exact("t")), new FailingSink());
                s.start();
                failing.add(s);
            } else {
                healthy.add(open(hub, req(null, TopicMatchers.exact("t"))));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hub.publish(Update.builder().topic("t").id("m" + i).build());
            expected.add("m" + i);
        }
        for (RecordingSink sink : healthy) {
            String text = sink.awaitText(t -> t.contains("id: m99\n"), WAIT);
            assertEquals(expected, ids(text), "every update once and in order");
        }
        for (Subscription s : failing) {
            assertEquals(DisconnectCause.CLIENT_GONE, s.subscriber().disconnectCause(), "a sink that throws ends its stream");
        }
        for (Subscription s : stuck) {
            assertFalse(s.subscriber().isClosed(), "a stalled stream within its queue bound stays open");
        }
        assertEquals(healthy.size() + stuck.size(), hub.subscriberCount());
    }

    /** A connection whose every write throws, as a sink of a client that is gone may. */
    private static final class FailingSink implements SubscriberSink {
        @Override
        public java.util.concurrent.CompletionStage<?> write(byte[] bytes) {
            throw new IllegalStateException("the connection is gone");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void idleStreamsGetKeepAliveComments() throws Exception {
        Hub hub = hub("mercure.hub.keepalive.interval", "1");
        RecordingSink sink = open(hub, req(null, TopicMatchers.exact("t")));
        String text = sink.awaitText(t -> t.length() >= 4, Duration.ofSeconds(4));
        assertEquals(":\n:\n", text.substring(0, 4), "opening comment then a keep-alive comment");
    }

    @Test
    void streamClosesWhenTheTokenExpires() throws Exception {
        Hub hub = hub();
        RecordingSink sink = new RecordingSink();
        Subscription s = hub.subscribe(new SubscriptionRequest(Dialect.DRAFT_07, List.of(TopicMatchers.wildcard()), null, null,
                null, Instant.now().plusMillis(300)), sink);
        s.start();
        assertTrue(sink.awaitClosed(WAIT), "closed at exp");
        assertEquals(DisconnectCause.TOKEN_EXPIRED, s.subscriber().disconnectCause());
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void closingTheHubEndsEveryStream() throws Exception {
        Hub hub = hub();
        RecordingSink a = open(hub, req(null, TopicMatchers.exact("t")));
        RecordingSink b = open(hub, req(null, TopicMatchers.wildcard()));
        hub.close();
        assertTrue(a.awaitClosed(WAIT) && b.awaitClosed(WAIT));
        assertThrows(RuntimeException.class, () -> hub.publish(Update.of("t", "late")), "no publishing after close");
    }

    @Test
    void closedSubscriberIsUnregistered() throws Exception {
        Hub hub = hub();
        Subscription s = hub.subscribe(req(null, TopicMatchers.exact("t")), new RecordingSink());
        s.start();
        assertEquals(1, hub.subscriberCount());
        s.close();
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void invalidUpdatesAreRefusedBeforeDispatch() throws Exception {
        Hub hub = hub("mercure.hub.subscriptions", "false"); // no subscription event in the history either
        RecordingSink sink = open(hub, req(null, TopicMatchers.wildcard()));
        sink.awaitText(":\n"::equals, WAIT);
        assertThrows(InvalidUpdateException.class, () -> hub.publish(Update.of("*", "x")));
        assertThrows(InvalidUpdateException.class, () -> hub.publish(Update.of("https://h/.well-known/mercure/subscriptions/x", "x")));
        assertThrows(InvalidUpdateException.class, () -> hub.publish(Update.builder().topic("t").id("#1").build()));
        assertThrows(InvalidUpdateException.class, () -> hub.publish(Update.builder().topic("t").type("mercure").build()));
        assertEquals("earliest", hub.lastEventId(), "nothing was dispatched");
        hub.publish(Update.builder().topic("t").id("ok").build());
        assertEquals(":\nid: ok\ndata: \n\n", sink.awaitText(t -> t.contains("id: ok"), WAIT), "only the valid update was dispatched");
    }

    @Test
    void templateSelectorsAreEvaluatedThroughTheIndex() throws Exception {
        Hub hub = hub();
        RecordingSink sink = open(hub, new SubscriptionRequest(Dialect.DRAFT_07,
                List.of(TopicMatchers.draft07("https://e.x/shelves/s1/books/{id}")), null, null, null, null));
        hub.publish(Update.builder().topic("https://e.x/shelves/s1/books/1/reviews").id("no").build());
        hub.publish(Update.builder().topic("https://e.x/shelves/s1/books/42").id("yes").build());
        assertEquals(List.of("yes"), ids(sink.awaitText(t -> t.contains("id: yes"), WAIT)));
    }

    @Test
    void aWriteThatNeverCompletesClosesTheStreamAfterTheDispatchTimeout() throws Exception {
        Hub hub = hub("mercure.hub.dispatch.timeout", "1");
        RecordingSink stuck = new RecordingSink(true);
        Subscription s = hub.subscribe(req(null, TopicMatchers.exact("t")), stuck);
        s.start();
        assertTrue(stuck.awaitClosed(Duration.ofSeconds(5)), "closed instead of stalling silently");
        assertEquals(DisconnectCause.WRITE_TIMEOUT, s.subscriber().disconnectCause());
        assertEquals(0, hub.subscriberCount());
    }
}
