package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What every {@link Transport} does the same, whatever keeps its history: each transport's test class
 * extends this one and says how to open a transport (local, file, redis). A hub on any transport then
 * answers {@code Last-Event-ID}, {@code earliest}, reused ids and the subscriptions API alike.
 */
public abstract class TransportContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Transport> opened = new ArrayList<>();

    /** A new, empty transport keeping {@code reconciliationLength} updates; closed after the test. */
    protected abstract Transport create(int reconciliationLength);

    @AfterEach
    void closeTransports() {
        opened.forEach(Transport::close);
    }

    protected final Node node(int length) {
        return started(create(length));
    }

    /** {@code t} started with a listener that collects what it delivers; closed after the test. */
    protected final Node started(Transport t) {
        opened.add(t);
        Node n = new Node(t, new LinkedBlockingQueue<>());
        t.start(n.received()::add);
        return n;
    }

    protected record Node(Transport transport, BlockingQueue<EncodedUpdate> received) {

        public EncodedUpdate publish(String id) {
            return transport.dispatch(EncodedUpdate.of(Update.builder().topic("https://example.com/t").id(id).data(id).build()));
        }

        public List<String> take(int n) {
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

    protected static List<String> ids(History h) {
        return h.updates().stream().map(EncodedUpdate::id).toList();
    }

    private static List<String> range(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void dispatchedUpdatesReachTheListenerOnceInOrderWithIncreasingPositions() {
        Node n = node(500);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 50; i++) {
            long p = n.publish("u" + i).position();
            assertTrue(p > previous, "position " + p + " of u" + i + " follows " + previous);
            previous = p;
        }
        assertEquals(range("u", 0, 50), n.take(50), "the listener receives the updates in dispatch order");
        assertEquals(range("u", 0, 50), ids(n.transport().history(Dialect.EARLIEST)), "the history holds them in the same order");
    }

    @Test
    void concurrentPublishersGetOneOrderSharedByDeliveryAndHistory() throws Exception {
        Node n = node(5000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String tag = "w" + w + "-";
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        n.publish(tag + i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> delivered = n.take(800);
        assertEquals(800, delivered.stream().distinct().count(), "each update is delivered once");
        assertEquals(delivered, ids(n.transport().history(Dialect.EARLIEST)), "history and delivery share one order");
        for (int w = 0; w < 8; w++) {
            String tag = "w" + w + "-";
            assertEquals(range(tag, 0, 100), delivered.stream().filter(id -> id.startsWith(tag)).toList(),
                    "one publisher's updates keep their order");
        }
    }

    @Test
    void everyFieldAndTheFrameSurviveTheHistory() {
        Node n = node(500);
        Update u = Update.builder().topics("https://example.com/a", "https://example.com/b?x=1").id("urn:x:1")
                .data("line 1\nline 2 é ✓ \"q\"").privateUpdate(true).type("book").retry(1500L).build();
        EncodedUpdate sent = n.transport().dispatch(EncodedUpdate.of(u));
        EncodedUpdate kept = n.transport().history(Dialect.EARLIEST).updates().get(0);
        assertEquals(u, kept.update(), "topics, data, privacy, type and retry are kept");
        assertArrayEquals(sent.frame(), kept.frame(), "the history replays the same SSE bytes");
        assertEquals(sent.position(), kept.position(), "the kept update has the position dispatch returned");
        Update plain = Update.builder().topic("https://example.com/p").id("urn:x:2").data("").build();
        n.transport().dispatch(EncodedUpdate.of(plain));
        assertEquals(plain, n.transport().history("urn:x:1").updates().get(0).update(), "no type, no retry, empty data, public");
    }

    @Test
    void historyAfterAKnownIdHoldsTheUpdatesThatFollowIt() {
        Node n = node(500);
        for (int i = 0; i < 5; i++) {
            n.publish("h" + i);
        }
        History h = n.transport().history("h1");
        assertTrue(h.cursorFound(), "a kept id is found");
        assertEquals(List.of("h2", "h3", "h4"), ids(h), "the history after h1 is h2..h4, in order");
        assertEquals(h.updates().get(2).position(), h.lastPosition(), "the answer covers up to its last update");
    }

    @Test
    void historyAfterTheLastIdIsEmptyAndCoversTheCursor() {
        Node n = node(500);
        n.publish("x0");
        EncodedUpdate last = n.publish("x1");
        History h = n.transport().history("x1");
        assertTrue(h.cursorFound(), "the last id is found");
        assertEquals(List.of(), ids(h), "nothing follows the last id");
        assertEquals(last.position(), h.lastPosition(), "the answer covers the cursor's position");
        assertTrue(n.publish("x2").position() > h.lastPosition(), "a later update is not covered: it is delivered live");
    }

    @Test
    void unknownIdAndEarliestYieldEveryKeptUpdate() {
        Node n = node(500);
        n.publish("e0");
        n.publish("e1");
        History unknown = n.transport().history("never-published");
        History earliest = n.transport().history(Dialect.EARLIEST);
        assertFalse(unknown.cursorFound(), "an unknown id is not found");
        assertEquals(List.of("e0", "e1"), ids(unknown), "an unknown id yields every kept update, oldest first");
        assertFalse(earliest.cursorFound(), "earliest is not an id");
        assertEquals(List.of("e0", "e1"), ids(earliest), "earliest yields every kept update, oldest first");
    }

    @Test
    void emptyHistoryCoversNothingLaterAndTheLastIdIsEarliest() {
        Node n = node(500);
        History h = n.transport().history(Dialect.EARLIEST);
        assertEquals(List.of(), ids(h), "no update, no history");
        assertEquals(Dialect.EARLIEST, n.transport().lastEventId(), "with no update the last id is earliest");
        assertEquals(Dialect.EARLIEST, n.transport().subscriptions().lastEventId(), "so is the snapshot's");
        assertTrue(n.publish("first").position() > h.lastPosition(), "the first update is not covered by the empty answer");
    }

    @Test
    void historyIsTrimmedToTheReconciliationLength() {
        Node n = node(10);
        for (int i = 0; i < 30; i++) {
            n.publish("m" + i);
        }
        assertEquals(range("m", 20, 30), ids(n.transport().history(Dialect.EARLIEST)), "history holds the last 10 updates");
        assertFalse(n.transport().history("m19").cursorFound(), "an id older than the last 10 is no longer found");
        assertTrue(n.transport().history("m20").cursorFound(), "the oldest of the last 10 is found");
        assertEquals("m29", n.transport().lastEventId(), "the last id is the last published");
    }

    @Test
    void reusedIdResolvesToTheEarliestKeptUpdateThenToTheNextOnceTrimmed() {
        Node n = node(3);
        n.publish("dup");
        n.publish("r1");
        n.publish("dup");
        assertEquals(List.of("r1", "dup"), ids(n.transport().history("dup")), "the earliest kept 'dup' is the cursor");
        n.publish("r2"); // the first 'dup' leaves the kept three
        assertEquals(List.of("r2"), ids(n.transport().history("dup")), "once trimmed, the next 'dup' is the cursor");
        n.publish("r3");
        n.publish("r4"); // the second 'dup' leaves too
        assertFalse(n.transport().history("dup").cursorFound(), "a reused id whose updates are all trimmed is unknown");
    }

    @Test
    void anIdUsedThreeTimesResolvesToEachKeptOneInTurnAndAgainOnceReusedAfterTrimming() {
        Node n = node(4);
        n.publish("tri");
        n.publish("tri");
        n.publish("a");
        n.publish("tri");
        assertEquals(List.of("tri", "a", "tri"), ids(n.transport().history("tri")), "the first of three 'tri' is the cursor");
        n.publish("b"); // the first 'tri' leaves
        assertEquals(List.of("a", "tri", "b"), ids(n.transport().history("tri")), "then the second");
        n.publish("c"); // the second leaves
        assertEquals(List.of("b", "c"), ids(n.transport().history("tri")), "then the third, the only one left");
        n.publish("d");
        n.publish("e"); // the third leaves
        assertFalse(n.transport().history("tri").cursorFound(), "all three trimmed: unknown");
        n.publish("tri"); // reused once more after all were trimmed
        n.publish("f");
        assertEquals(List.of("f"), ids(n.transport().history("tri")), "the new 'tri' is the cursor");
    }

    @Test
    void zeroReconciliationLengthKeepsNoHistoryButDelivers() {
        Node n = node(0);
        n.publish("z0");
        assertEquals(List.of("z0"), n.take(1), "updates are delivered without history");
        History h = n.transport().history("z0");
        assertFalse(h.cursorFound(), "no id is kept");
        assertEquals(List.of(), ids(h), "no update is kept");
    }

    private static ActiveSubscription record(String n, Object payload) {
        return new ActiveSubscription("/.well-known/mercure/subscriptions/exact/t/" + n, 8, "exact",
                "https://example.com/" + n, "urn:uuid:" + n, true, payload);
    }

    @Test
    void subscriptionsAreListedInRegistrationOrderWithTheLastEventId() {
        Node n = node(500);
        ActiveSubscription s1 = record("s1", Map.of("user", "alice", "n", 1L, "tags", List.of("x", true)));
        ActiveSubscription s2 = record("s2", null);
        n.transport().register(s1);
        n.transport().register(s2);
        n.publish("last");
        SubscriptionSnapshot snapshot = n.transport().subscriptions();
        assertEquals(List.of(s1, s2), snapshot.subscriptions(), "both subscriptions, in registration order, payloads intact");
        assertEquals("last", snapshot.lastEventId(), "the snapshot carries the last update's id");
        n.transport().unregister(s1);
        assertEquals(List.of(s2), n.transport().subscriptions().subscriptions(), "an unregistered subscription is not listed");
    }

    @Test
    void healthIsUpWhileOpenAndPublishingAfterCloseIsRefused() {
        Node n = node(500);
        assertTrue(n.transport().health().reachable(), "an open transport is reachable");
        n.transport().close();
        assertThrows(TransportException.class, () -> n.publish("late"), "a closed transport refuses updates");
    }
}
