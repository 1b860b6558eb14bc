package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportHealth;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RedisTransport} against a real redis-server (one per class; each test uses its own key prefix,
 * the outage test its own server).
 */
class RedisTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisServer redis;
    private final List<RedisTransport> transports = new ArrayList<>();
    private final String prefix = "test-" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeTransports() {
        transports.forEach(RedisTransport::close);
    }

    /** A node: a transport whose deliveries land in the returned queue. */
    private Node node(String url, int length) {
        RedisTransport t = RedisTransport.connect(url, length, prefix);
        transports.add(t);
        Node n = new Node(t);
        t.start(n.received::add, n.events);
        return n;
    }

    private Node node(int length) {
        return node(redis.url(), length);
    }

    private record Node(RedisTransport transport, BlockingQueue<EncodedUpdate> received, RecordedEvents events) {
        Node(RedisTransport transport) {
            this(transport, new LinkedBlockingQueue<>(), new RecordedEvents());
        }

        EncodedUpdate publish(String id) {
            return transport.dispatch(EncodedUpdate.of(Update.builder().topic("https://example.com/t").id(id).data(id).build()));
        }

        EncodedUpdate next() {
            try {
                EncodedUpdate u = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(u, "an update is delivered within " + WAIT);
                return u;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        List<String> take(int n) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                EncodedUpdate u;
                try {
                    u = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertNotNull(u, "update " + (i + 1) + " of " + n + " is delivered within " + WAIT + "; got " + ids);
                ids.add(u.id());
            }
            return ids;
        }
    }

    /** What a transport reported besides updates. */
    private static final class RecordedEvents implements Transport.Events {
        final List<Long> missed = Collections.synchronizedList(new ArrayList<>());
        final List<ActiveSubscription> changed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void updatesMissed(long count) {
            missed.add(count);
        }

        @Override
        public void subscriptionsChanged(List<ActiveSubscription> records) {
            changed.addAll(records);
        }
    }

    private static List<String> ids(History h) {
        return h.updates().stream().map(EncodedUpdate::id).toList();
    }

    @Test
    void dispatchedUpdatesReachTheListenerInOrderWithIncreasingPositions() {
        Node n = node(500);
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            positions.add(n.publish("u" + i).position());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("u" + i);
        }
        assertEquals(expected, n.take(50), "the listener receives the updates in dispatch order");
        List<Long> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        assertEquals(sorted, positions, "positions grow in dispatch order");
        assertEquals(50, positions.stream().distinct().count(), "every update has its own position");
    }

    @Test
    void updateDeliveredOnAnotherNodeKeepsEveryFieldAndTheSameFrame() {
        Node a = node(500);
        Node b = node(500);
        Update u = Update.builder().topics("https://example.com/a", "https://example.com/b").id("urn:x:1")
                .data("line 1\nline 2 é ✓").privateUpdate(true).type("book").retry(1500L).build();
        EncodedUpdate sent = a.transport().dispatch(EncodedUpdate.of(u));
        EncodedUpdate other = b.next();
        assertEquals(u.topics(), other.update().topics(), "topics survive the trip through Redis");
        assertEquals(u.data(), other.update().data(), "data survives the trip through Redis");
        assertTrue(other.update().isPrivate(), "privacy survives the trip through Redis");
        assertEquals("book", other.update().type(), "the type survives the trip through Redis");
        assertEquals(1500L, other.update().retry(), "retry survives the trip through Redis");
        assertArrayEquals(sent.frame(), other.frame(), "every node encodes the same SSE bytes");
        assertEquals(sent.position(), other.position(), "the delivered update has the position dispatch returned");
    }

    @Test
    void updatesPublishedOnTwoNodesAtOnceReachBothInTheSameOrder() throws Exception {
        Node a = node(5000);
        Node b = node(5000);
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (Node n : List.of(a, b)) {
                for (int w = 0; w < 2; w++) {
                    String tag = (n == a ? "a" : "b") + w;
                    fs.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < each / 2; i++) {
                            n.publish(tag + "-" + i);
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> onA = a.take(2 * each);
        List<String> onB = b.take(2 * each);
        assertEquals(onA, onB, "both nodes deliver the same sequence");
        assertEquals(2 * each, onA.stream().distinct().count(), "each update is delivered once");
        assertTrue(a.received().isEmpty() && b.received().isEmpty(), "nothing is delivered twice");
    }

    @Test
    void historyAfterAKnownIdHoldsTheUpdatesThatFollowItOnAnyNode() {
        Node a = node(500);
        for (int i = 0; i < 5; i++) {
            a.publish("h" + i);
        }
        Node b = node(500);
        History h = b.transport().history("h1");
        assertTrue(h.cursorFound(), "an id published on another node is found");
        assertEquals(List.of("h2", "h3", "h4"), ids(h), "the history after h1 is h2..h4, in order");
        assertEquals(h.updates().get(2).position(), h.lastPosition(), "the answer covers up to its last update");
    }

    @Test
    void historyAfterTheLastIdIsEmptyAndCoversTheCursor() {
        Node a = node(500);
        a.publish("x0");
        EncodedUpdate last = a.publish("x1");
        History h = a.transport().history("x1");
        assertTrue(h.cursorFound(), "the last id is found");
        assertEquals(List.of(), ids(h), "nothing follows the last id");
        assertEquals(last.position(), h.lastPosition(), "the answer covers the cursor's position");
    }

    @Test
    void unknownIdAndEarliestYieldEveryKeptUpdate() {
        Node a = node(500);
        a.publish("e0");
        a.publish("e1");
        History unknown = a.transport().history("never-published");
        History earliest = a.transport().history(Dialect.EARLIEST);
        assertFalse(unknown.cursorFound(), "an unknown id is not found");
        assertEquals(List.of("e0", "e1"), ids(unknown), "an unknown id yields every kept update, oldest first");
        assertFalse(earliest.cursorFound(), "earliest is not an id");
        assertEquals(List.of("e0", "e1"), ids(earliest), "earliest yields every kept update, oldest first");
    }

    @Test
    void emptyHistoryCoversNothing() {
        Node a = node(500);
        History h = a.transport().history(Dialect.EARLIEST);
        assertEquals(List.of(), ids(h), "no update, no history");
        assertEquals(-1, h.lastPosition(), "an empty answer covers no position");
        assertEquals(Dialect.EARLIEST, a.transport().lastEventId(), "with no update the last id is earliest");
    }

    @Test
    void historyAndIndexAreTrimmedToTheReconciliationLength() {
        Node a = node(10);
        for (int i = 0; i < 1500; i++) {
            a.publish("m" + i);
        }
        History all = a.transport().history(Dialect.EARLIEST);
        List<String> expected = new ArrayList<>();
        for (int i = 1490; i < 1500; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, ids(all), "history holds the last 10 updates");
        assertFalse(a.transport().history("m1489").cursorFound(), "an id older than the last 10 is no longer found");
        assertTrue(a.transport().history("m1490").cursorFound(), "the oldest of the last 10 is found");
        assertEquals("10", redis.command("HLEN", "{" + prefix + "}:ids"), "the id index is bounded in step");
        assertEquals("10", redis.command("LLEN", "{" + prefix + "}:order"), "the index's trimming queue is bounded");
        long len = Long.parseLong(redis.command("XLEN", "{" + prefix + "}:updates"));
        assertTrue(len >= RedisTransport.MIN_STREAM_LENGTH && len < 1500,
                "the stream is trimmed (approximately) to its floor of " + RedisTransport.MIN_STREAM_LENGTH + ", got " + len);
        assertEquals("m1499", a.transport().lastEventId(), "the last id is the last published");
    }

    @Test
    void reusedIdResolvesToTheEarliestKeptUpdateThenToTheNextOnceTrimmed() {
        Node a = node(3);
        a.publish("dup");  // 1
        a.publish("r1");   // 2
        a.publish("dup");  // 3
        assertEquals(List.of("r1", "dup"), ids(a.transport().history("dup")), "the earliest kept 'dup' is the cursor");
        a.publish("r2");   // 4: the first 'dup' leaves the kept three
        assertEquals(List.of("r2"), ids(a.transport().history("dup")), "once trimmed, the next 'dup' is the cursor");
        a.publish("r3");
        a.publish("r4");   // the second 'dup' leaves too
        assertFalse(a.transport().history("dup").cursorFound(), "a reused id whose updates are all trimmed is unknown");
        assertEquals("3", redis.command("HLEN", "{" + prefix + "}:ids"), "the index holds only the kept ids");
    }

    @Test
    void zeroReconciliationLengthKeepsNoHistoryButDelivers() {
        Node a = node(0);
        a.publish("z0");
        assertEquals(List.of("z0"), a.take(1), "updates are delivered without history");
        History h = a.transport().history("z0");
        assertFalse(h.cursorFound(), "no id is kept");
        assertEquals(List.of(), ids(h), "no update is kept");
    }

    @Test
    void historySurvivesTheNodeThatPublishedIt() {
        Node a = node(500);
        a.publish("s0");
        a.publish("s1");
        a.transport().close();
        Node restarted = node(500);
        assertEquals(List.of("s1"), ids(restarted.transport().history("s0")), "a new node reads the history from Redis");
    }

    @Test
    void aNewNodeDeliversOnlyWhatIsPublishedAfterItConnects() {
        Node a = node(500);
        a.publish("before");
        Node b = node(500);
        a.publish("after");
        assertEquals(List.of("after"), b.take(1), "older updates are history, not live updates");
    }

    @Test
    void readerResumesAfterARedisRestartAndPublishFailsFastDuringTheOutage() {
        try (RedisServer own = RedisServer.start()) {
            Node a = node(own.url(), 500);
            Node b = node(own.url(), 500);
            a.publish("o1");
            assertEquals(List.of("o1"), b.take(1), "delivered before the outage");
            own.stop();
            long t0 = System.nanoTime();
            TransportException refused = assertThrows(TransportException.class, () -> a.publish("lost"),
                    "publishing while Redis is down fails");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "the failure is fast, not a long wait");
            assertTrue(refused.getMessage().contains("unavailable"), "the message says Redis is unavailable: " + refused.getMessage());
            own.restart();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                try {
                    a.publish("o2");
                    break;
                } catch (TransportException stillDown) {
                    assertTrue(System.nanoTime() < deadline, "publishing works again within " + WAIT + " of Redis' return");
                    Thread.onSpinWait();
                }
            }
            assertEquals(List.of("o2"), b.take(1), "the reader resumes after Redis returns");
            assertEquals(List.of("o1", "o2"), a.take(2), "the publishing node's reader resumes too");
        }
    }

    @Test
    void unreachableRedisFailsConnectWithTheRedactedUrl() {
        TransportException e = assertThrows(TransportException.class,
                () -> RedisTransport.connect("redis://user:s3cret@127.0.0.1:1", 10, prefix));
        assertTrue(e.getMessage().contains("redis://user:***@127.0.0.1:1"), "the message names the URL: " + e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "the message hides the password: " + e.getMessage());
    }

    @Test
    void streamIdsMapToPositionsInTheirOrder() {
        assertEquals((1_700_000_000_000L << 21) + 5, RedisTransport.position("1700000000000-5"));
        assertTrue(RedisTransport.position("1700000000000-2097151") < RedisTransport.position("1700000000001-0"),
                "the largest seq of one millisecond sorts before the next millisecond");
        assertThrows(IllegalStateException.class, () -> RedisTransport.position("1700000000000-2097152"),
                "a seq beyond 21 bits is refused, not wrapped");
    }

    private static ActiveSubscription record(String n, Object payload) {
        return new ActiveSubscription("/.well-known/mercure/subscriptions/exact/t/" + n, 8, "exact",
                "https://example.com/" + n, "urn:uuid:" + n, true, payload);
    }

    @Test
    void subscriptionsRegisteredOnTwoNodesAreListedByEitherInRegistrationOrder() {
        Node a = node(500);
        Node b = node(500);
        ActiveSubscription s1 = record("s1", Map.of("user", "alice", "n", 1L, "tags", List.of("x", true)));
        ActiveSubscription s2 = record("s2", null);
        a.transport().register(s1);
        b.transport().register(s2);
        a.publish("last");
        SubscriptionSnapshot seenByB = b.transport().subscriptions();
        assertEquals(List.of(s1, s2), seenByB.subscriptions(), "node B lists both nodes' subscriptions, payloads intact");
        assertEquals("last", seenByB.lastEventId(), "the snapshot carries the cluster's last update id");
        assertTrue(seenByB.subscriptions().get(0).payloadContains(Map.of("n", 1)), "payload numbers compare by value");
    }

    @Test
    void unregisteredSubscriptionLeavesTheList() {
        Node a = node(500);
        ActiveSubscription s1 = record("u1", null);
        a.transport().register(s1);
        a.transport().unregister(s1);
        assertEquals(List.of(), a.transport().subscriptions().subscriptions(), "an unregistered subscription is not listed");
    }

    @Test
    void subscriptionsOfAStoppedNodeLeaveTheListAtOnce() {
        Node a = node(500);
        Node b = node(500);
        a.transport().register(record("c1", null));
        a.transport().close();
        assertEquals(List.of(), b.transport().subscriptions().subscriptions(), "a node that stops takes its records along");
    }

    @Test
    void subscriptionsOfANodeWhoseHeartbeatStoppedLeaveTheList() {
        Node a = node(500);
        Node b = node(500);
        a.transport().register(record("d1", null));
        b.transport().register(record("d2", null));
        String nodes = "{" + prefix + "}:nodes";
        // a crashed node: its expiry passes without a heartbeat (set it in the past instead of waiting 15 s)
        String aNode = redis.command("ZRANGE", nodes, "0", "0");
        String bNode = redis.command("ZRANGE", nodes, "1", "1");
        String crashed = redis.command("HEXISTS", "{" + prefix + "}:subscriptions:" + aNode, record("d1", null).id()).equals("1") ? aNode : bNode;
        redis.command("ZADD", nodes, "1", crashed);
        List<ActiveSubscription> left = b.transport().subscriptions().subscriptions();
        assertEquals(1, left.size(), "only the live node's subscription is listed: " + left);
        assertEquals(record("d2", null), left.get(0), "the live node's subscription stays");
    }

    @Test
    void aReaderThatFellBehindTheTrimmedStreamReportsTheGapBeforeDeliveringNewerUpdates() throws Exception {
        RedisTransport slow = RedisTransport.connect(redis.url(), 10, prefix);
        transports.add(slow);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>()); // update ids and "missed N", in order
        slow.start(u -> {
            seen.add(u.id());
            if (u.id().equals("first")) {
                paused.countDown();
                try {
                    resume.await(); // a reader stopped (a long pause) while the others go on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, new Transport.Events() {
            @Override
            public void updatesMissed(long missed) {
                seen.add("missed " + missed);
            }
        });
        Node fast = node(10);
        fast.publish("first");
        assertTrue(paused.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the slow reader got the first update");
        int total = 3 * RedisTransport.MIN_STREAM_LENGTH;
        for (int i = 0; i < total; i++) {
            fast.publish("p" + i);
        }
        assertEquals(total + 1, fast.take(total + 1).size(), "a reader that keeps up gets every update");
        assertEquals(List.of(), fast.events().missed, "and reports no gap");
        resume.countDown();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!seen.contains("p" + (total - 1))) {
            assertTrue(System.nanoTime() < deadline, "the slow reader reaches the last update; got " + seen.size() + " entries");
            Thread.sleep(10);
        }
        List<String> got = List.copyOf(seen);
        List<String> gaps = got.stream().filter(e -> e.startsWith("missed ")).toList();
        assertEquals(1, gaps.size(), "one gap is reported: " + gaps);
        int at = got.indexOf(gaps.get(0));
        int before = at == 1 ? -1 : Integer.parseInt(got.get(at - 1).substring(1)); // "first" counts as p-1
        int after = Integer.parseInt(got.get(at + 1).substring(1));
        long missed = Long.parseLong(gaps.get(0).substring("missed ".length()));
        assertTrue(missed > 0, "updates were trimmed before the slow reader read them");
        assertEquals(after - before - 1, missed, "the gap is reported before the first update after it, with its size");
        for (int i = at + 1; i < got.size(); i++) {
            assertEquals("p" + (after + i - at - 1), got.get(i), "after the gap, updates follow without holes");
        }
    }

    @Test
    void theSubscriptionsOfANodeThatStoppedBeatingAreReportedEndedByExactlyOneLiveNode() throws Exception {
        // what a node killed with kill -9 leaves behind: its records, and an expiry that has passed
        ActiveSubscription z1 = record("z1", Map.of("user", "zoe"));
        ActiveSubscription z2 = new ActiveSubscription("/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fz2/urn%3Auuid%3Az2",
                7, null, "https://example.com/z2", "urn:uuid:z2", true, null);
        String crashed = "crashed-" + UUID.randomUUID();
        redis.command("HSET", "{" + prefix + "}:subscriptions:" + crashed, z1.id(), "1 " + RedisSubscriptions.toJson(z1),
                z2.id(), "2 " + RedisSubscriptions.toJson(z2));
        redis.command("ZADD", "{" + prefix + "}:nodes", "1", crashed);
        List<Node> live = List.of(node(500), node(500), node(500));
        assertEquals(List.of(), live.get(0).transport().subscriptions().subscriptions(), "an expired node is not listed");
        ExecutorService pool = Executors.newFixedThreadPool(live.size());
        try {
            List<Future<?>> beats = new ArrayList<>();
            for (Node n : live) {
                beats.add(pool.submit(() -> n.transport().beat()));
            }
            for (Future<?> f : beats) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ActiveSubscription> reported = new ArrayList<>();
        live.forEach(n -> reported.addAll(n.events().changed));
        reported.sort(java.util.Comparator.comparing(ActiveSubscription::id));
        List<ActiveSubscription> expected = new ArrayList<>(List.of(z1.withActive(false), z2.withActive(false)));
        expected.sort(java.util.Comparator.comparing(ActiveSubscription::id));
        assertEquals(expected, reported, "the live nodes report each subscription of the crashed node once, ended, "
                + "in its own dialect and with its payload");
        assertEquals(1, live.stream().filter(n -> !n.events().changed.isEmpty()).count(), "one node claims them all");
        assertEquals("0", redis.command("EXISTS", "{" + prefix + "}:subscriptions:" + crashed), "its records are deleted");
        live.forEach(n -> n.transport().beat());
        assertEquals(2, live.stream().mapToInt(n -> n.events().changed.size()).sum(), "later heartbeats report nothing more");
    }

    @Test
    void aNodeWhoseRecordsWereClaimedWhileItWasPausedRegistersThemAgain() {
        Node paused = node(500);
        ActiveSubscription r1 = record("r1", null);
        paused.transport().register(r1);
        String nodes = "{" + prefix + "}:nodes";
        String pausedId = redis.command("ZRANGE", nodes, "0", "0");
        Node other = node(500);
        redis.command("ZADD", nodes, "1", pausedId); // its heartbeat lapsed (a pause longer than the TTL)
        other.transport().beat();
        assertEquals(List.of(r1.withActive(false)), other.events().changed, "another node announces its end");
        assertEquals(List.of(), other.transport().subscriptions().subscriptions(), "and it is no longer listed");
        paused.transport().beat();
        assertEquals(List.of(r1), paused.events().changed, "the node, back, announces it again");
        assertEquals(List.of(r1), other.transport().subscriptions().subscriptions(), "and lists it again");
    }

    @Test
    void healthFollowsRedisReachability() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            Node a = node(own.url(), 500);
            TransportHealth up = a.transport().health();
            assertTrue(up.reachable() && up.delivering(), "up while Redis answers: " + up);
            assertEquals(own.url(), up.data().get("transport"), "names the transport");
            own.stop();
            awaitHealth(a, false);
            TransportHealth down = a.transport().health();
            assertTrue(down.delivering(), "an unreachable Redis does not make the reader stuck: " + down);
            assertNotNull(down.data().get("error"), "says why: " + down);
            own.restart();
            awaitHealth(a, true);
            a.publish("back");
            assertEquals(List.of("back"), a.take(1), "and delivers again");
        }
    }

    private static void awaitHealth(Node n, boolean reachable) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (n.transport().health().reachable() != reachable) {
            assertTrue(System.nanoTime() < deadline, "reachable=" + reachable + " within " + WAIT + ": " + n.transport().health());
            Thread.sleep(20);
        }
    }
}
