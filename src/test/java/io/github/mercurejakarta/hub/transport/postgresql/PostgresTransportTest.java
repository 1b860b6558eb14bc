package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the PostgreSQL transport does beyond the contract, against a real server of its own. */
class PostgresTransportTest {

    private static PostgresServer pg;
    private static int schemas;

    @BeforeAll
    static void startPostgres() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    private static String newSchema() {
        return "t_" + schemas++;
    }

    private static PostgresTransport connect(String schema, TransportSettings settings) {
        return PostgresTransport.connect(pg.url() + "?schema=" + schema, settings);
    }

    private static EncodedUpdate update(String id, String data) {
        return EncodedUpdate.of(Update.builder().topic("https://example.com/pg").id(id).data(data).build());
    }

    private static List<String> historyIds(Transport t) {
        return t.history(Dialect.EARLIEST).updates().stream().map(EncodedUpdate::id).toList();
    }

    @Test
    void trimmingKeepsTheHistoryAndTheReadersMarginAndNoMore() {
        String s = newSchema();
        try (PostgresTransport t = connect(s, new TransportSettings(10))) {
            t.start(u -> { });
            for (int i = 0; i < 2500; i++) {
                t.dispatch(update("m" + i, "x"));
            }
            t.trimNow();
            long rows = Long.parseLong(pg.psql("SELECT count(*) FROM " + s + ".mercure_updates"));
            assertEquals(10 + PostgresTransport.READERS_MARGIN, rows, "the table keeps the history plus the readers' margin");
            List<String> expected = new ArrayList<>();
            for (int i = 2490; i < 2500; i++) {
                expected.add("m" + i);
            }
            assertEquals(expected, historyIds(t), "the history is the last 10");
            assertFalse(t.history("m2000").cursorFound(), "an id beyond the history is unknown, though its row is kept");
        }
    }

    @Test
    void updatesOlderThanTheMaxAgeLeaveTheHistory() throws Exception {
        try (PostgresTransport t = connect(newSchema(), new TransportSettings(100, Duration.ofMillis(800)))) {
            t.start(u -> { });
            t.dispatch(update("old", "x"));
            Thread.sleep(1200);
            t.dispatch(update("new", "x"));
            assertEquals(List.of("new"), historyIds(t), "the old update is past the max age");
            assertFalse(t.history("old").cursorFound(), "and its id is unknown");
        }
    }

    /**
     * Two nodes, 16 publishers each, committing in groups: every acknowledged update has
     * the position it was answered with, positions run 1, 2, 3, ... without a hole across both nodes, both
     * readers deliver that one order, and ids that array literals quote or escape come back as they went.
     */
    @Test
    void concurrentGroupsOfTwoNodesTakeContiguousPositionsInOneOrderWithTheirIds() throws Exception {
        String s = newSchema();
        List<String> awkward = List.of("NULL", "a\"b", "back\\slash", "{braces}", "com,ma", " spaced ", "", "é🙂");
        try (PostgresTransport a = connect(s, new TransportSettings(10_000)); PostgresTransport b = connect(s, new TransportSettings(10_000))) {
            BlockingQueue<EncodedUpdate> onA = new LinkedBlockingQueue<>();
            BlockingQueue<EncodedUpdate> onB = new LinkedBlockingQueue<>();
            a.start(onA::add);
            b.start(onB::add);
            int each = 25;
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<List<EncodedUpdate>>> fs = new ArrayList<>();
            try {
                for (int p = 0; p < 32; p++) {
                    PostgresTransport node = p % 2 == 0 ? a : b;
                    String tag = "p" + p + "-";
                    fs.add(pool.submit(() -> {
                        List<EncodedUpdate> acked = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            String id = i < awkward.size() ? tag + awkward.get(i) : tag + i;
                            acked.add(node.dispatch(update(id, id)));
                        }
                        return acked;
                    }));
                }
                Map<Long, String> byPosition = new TreeMap<>();
                for (Future<List<EncodedUpdate>> f : fs) {
                    for (EncodedUpdate u : f.get(2, TimeUnit.MINUTES)) {
                        assertNull(byPosition.put(u.position(), u.id()), "one update per position: " + u.position());
                    }
                }
                int total = 32 * each;
                assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), List.copyOf(byPosition.keySet()),
                        "positions 1.." + total + " without a hole");
                List<EncodedUpdate> history = a.history(Dialect.EARLIEST).updates();
                assertEquals(List.copyOf(byPosition.values()), history.stream().map(EncodedUpdate::id).toList(),
                        "the history holds each update at the position it was acknowledged with");
                history.forEach(u -> assertEquals(u.id(), u.update().data(), "the id and the body of one update stay together"));
                for (BlockingQueue<EncodedUpdate> delivered : List.of(onA, onB)) {
                    List<Long> positions = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < total; k++) {
                        EncodedUpdate u = delivered.poll(10, TimeUnit.SECONDS);
                        assertNotNull(u, "delivered: " + k + " of " + total);
                        positions.add(u.position());
                        ids.add(u.id());
                    }
                    assertEquals(List.copyOf(byPosition.keySet()), positions, "each node delivers the one order");
                    assertEquals(List.copyOf(byPosition.values()), ids);
                }
                assertEquals(byPosition.get((long) total), a.lastEventId());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anUpdateLargerThanANotifyPayloadTravels() throws Exception {
        String s = newSchema();
        try (PostgresTransport a = connect(s, new TransportSettings(100)); PostgresTransport b = connect(s, new TransportSettings(100))) {
            BlockingQueue<EncodedUpdate> onB = new LinkedBlockingQueue<>();
            a.start(u -> { });
            b.start(onB::add);
            String big = "é".repeat(500_000); // 1,000,000 bytes of UTF-8
            a.dispatch(update("big", big));
            EncodedUpdate got = onB.poll(10, TimeUnit.SECONDS);
            assertNotNull(got, "delivered on the other node");
            assertEquals(big, got.update().data(), "whole");
            assertEquals(0, b.carriedUpdates(), "read from the table: its notification could not carry it");
        }
    }

    /**
     * Small updates published one at a time travel in their notification: the other node delivers them without
     * reading the table (a round trip saved), in order. Not every one need: a read the reader makes on its own
     * (a second without notification) may find an update first.
     */
    @Test
    void smallUpdatesTravelInTheirNotification() throws Exception {
        String s = newSchema();
        try (PostgresTransport a = connect(s, new TransportSettings(100)); PostgresTransport b = connect(s, new TransportSettings(100))) {
            BlockingQueue<EncodedUpdate> onB = new LinkedBlockingQueue<>();
            a.start(u -> { });
            b.start(onB::add);
            for (int i = 0; i < 10; i++) {
                EncodedUpdate sent = a.dispatch(update("small-" + i, "data " + i));
                EncodedUpdate got = onB.poll(10, TimeUnit.SECONDS);
                assertNotNull(got, "delivered on the other node: " + i);
                assertEquals(sent.position(), got.position());
                assertEquals("data " + i, got.update().data());
            }
            assertTrue(b.carriedUpdates() >= 5, "most came in their notification: " + b.carriedUpdates());
        }
    }

    @Test
    void theRecordsOfACrashedNodeAreClaimedOnceAndAnnouncedEnded() throws Exception {
        String s = newSchema();
        ActiveSubscription sub = new ActiveSubscription("/.well-known/mercure/subscriptions/t/x", 8, "exact",
                "https://example.com/x", "urn:uuid:x", true, null);
        try (PostgresTransport survivor = connect(s, new TransportSettings(100));
             PostgresTransport other = connect(s, new TransportSettings(100))) {
            BlockingQueue<List<ActiveSubscription>> reported = new LinkedBlockingQueue<>();
            Transport.Events events = new Transport.Events() {
                @Override
                public void subscriptionsChanged(List<ActiveSubscription> records) {
                    reported.add(records);
                }
            };
            survivor.start(u -> { }, events);
            other.start(u -> { }, events);
            PostgresTransport crashed = connect(s, new TransportSettings(100));
            crashed.start(u -> { });
            crashed.register(sub);
            assertEquals(List.of(sub), survivor.subscriptions().subscriptions(), "listed by every node");
            crashed.kill();
            assertEquals(List.of(sub), survivor.subscriptions().subscriptions(), "still listed until its expiry");
            // its 15 s pass at once: the node that holds the record expires
            pg.psql("UPDATE " + s + ".mercure_nodes SET expires = now() - interval '1 second' WHERE node IN (SELECT node FROM "
                    + s + ".mercure_subscriptions)");
            assertEquals(List.of(), survivor.subscriptions().subscriptions(), "a node past its expiry is not listed");
            survivor.beat();
            other.beat();
            List<ActiveSubscription> ended = reported.poll(5, TimeUnit.SECONDS);
            assertEquals(List.of(sub.withActive(false)), ended, "one node claims the records and reports them ended");
            assertEquals(null, reported.poll(500, TimeUnit.MILLISECONDS), "exactly once");
        }
    }

    @Test
    void aStoreOfAnotherFormatIsRefused() {
        String s = newSchema();
        connect(s, new TransportSettings(10)).close();
        pg.psql("UPDATE " + s + ".mercure_meta SET format = 99");
        TransportException e = assertThrows(TransportException.class, () -> connect(s, new TransportSettings(10)));
        assertTrue(e.getMessage().contains("MERCURE1006E") && e.getMessage().contains("version 99"), e.getMessage());
    }

    /**
     * A restart between two publishes (none during it) is not the publisher's business: the writer's connection,
     * broken by it, is replaced before the commit is sent, however quick the restart.
     */
    @Test
    void aRestartBetweenTwoPublishesIsNotReported() throws Exception {
        try (PostgresServer own = PostgresServer.start();
             PostgresTransport t = PostgresTransport.connect(own.url(), new TransportSettings(100))) {
            BlockingQueue<EncodedUpdate> delivered = new LinkedBlockingQueue<>();
            t.start(delivered::add);
            t.dispatch(update("before", "x"));
            own.stop();
            own.restart();
            assertEquals(2, t.dispatch(update("after", "x")).position(), "the first publish after the restart works");
            assertEquals(List.of("before", "after"), historyIds(t));
            assertEquals("before", delivered.poll(10, TimeUnit.SECONDS).id());
            assertEquals("after", delivered.poll(20, TimeUnit.SECONDS).id(), "and is delivered once the reader is back");
        }
    }

    @Test
    void anOutageFailsPublishesAtOnceReadinessSaysSoAndDeliveryResumesAfterIt() throws Exception {
        try (PostgresServer own = PostgresServer.start();
             PostgresTransport t = PostgresTransport.connect(own.url(), new TransportSettings(100))) {
            BlockingQueue<EncodedUpdate> delivered = new LinkedBlockingQueue<>();
            t.start(delivered::add);
            t.dispatch(update("before", "x"));
            assertEquals("before", delivered.poll(10, TimeUnit.SECONDS).id());
            own.stop();
            long t0 = System.nanoTime();
            assertThrows(TransportException.class, () -> t.dispatch(update("during", "x")), "503 while the server is down");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8), "at once, not after a long timeout");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (t.health().reachable() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(t.health().reachable(), "readiness is down: " + t.health());
            assertTrue(t.health().delivering(), "the reader is alive (it retries): " + t.health());
            own.restart();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!t.health().reachable() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(t.health().reachable(), "ready again: " + t.health());
            t.dispatch(update("after", "x"));
            assertEquals("after", delivered.poll(10, TimeUnit.SECONDS).id(), "delivery resumes; the refused update never came");
            assertEquals(List.of("before", "after"), historyIds(t));
        }
    }
}
