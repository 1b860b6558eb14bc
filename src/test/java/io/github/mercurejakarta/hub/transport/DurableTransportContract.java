package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport contract of every transport whose history outlives the node's process (file, redis,
 * postgresql; not local): a node killed while publishers are busy, and a new node started on the same
 * storage, replays every update the killed node acknowledged, exactly once, in the order of its
 * positions — what a client reconnecting with {@code Last-Event-ID} gets.
 */
public abstract class DurableTransportContract extends TransportContract {

    /** A new transport on the storage of {@code killed}, as a node started after its crash would open it. */
    protected abstract Transport reopen(Transport killed, int reconciliationLength);

    /** Stops {@code t} as a crash would, as far as this transport can be crashed in-process; by default, {@link Transport#close}. */
    protected void kill(Transport t) {
        t.close();
    }

    private record Acked(String id, long position) {
    }

    @Test
    void aNodeKilledAndANewOneStartedOnTheSameStorageReplaysEveryAcknowledgedUpdateExactlyOnce() throws Exception {
        Node a = node(5000);
        List<Acked> acked = new ArrayList<>();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(300);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String tag = "k" + w + "-";
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        EncodedUpdate u;
                        try {
                            u = a.publish(tag + i);
                        } catch (RuntimeException refused) {
                            return null; // not acknowledged: the node is gone
                        }
                        synchronized (acked) {
                            acked.add(new Acked(u.id(), u.position()));
                        }
                        count.incrementAndGet();
                        halfway.countDown();
                    }
                    return null;
                }));
            }
            assertTrue(halfway.await(60, TimeUnit.SECONDS), "300 updates acknowledged before the kill");
            kill(a.transport());
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Acked> inOrder;
        synchronized (acked) {
            inOrder = acked.stream().sorted(Comparator.comparingLong(Acked::position)).toList();
        }
        assertTrue(inOrder.size() < 3200, "the kill stopped the publishers before they were done (" + inOrder.size() + ")");
        List<String> ackedIds = inOrder.stream().map(Acked::id).toList();

        Node nb = started(reopen(a.transport(), 5000));
        Transport b = nb.transport();
        List<String> replayed = ids(b.history(Dialect.EARLIEST));
        assertEquals(replayed.size(), replayed.stream().distinct().count(), "no update is kept twice");
        assertEquals(ackedIds, replayed.stream().filter(ackedIds::contains).toList(),
                "every acknowledged update is replayed once, in the order of the positions it was acknowledged with");
        // a client that had received up to the middle one resumes from there on the new node
        String resumeFrom = ackedIds.get(ackedIds.size() / 2);
        History resumed = b.history(resumeFrom);
        assertTrue(resumed.cursorFound(), "the new node finds the id the client last received");
        List<String> after = ids(resumed);
        assertEquals(ackedIds.subList(ackedIds.size() / 2 + 1, ackedIds.size()), after.stream().filter(ackedIds::contains).toList(),
                "after Last-Event-ID: every later acknowledged update once, in order");
        EncodedUpdate next = nb.publish("after-restart");
        assertTrue(next.position() > inOrder.get(inOrder.size() - 1).position(), "the new node's updates come after the old ones");
        assertEquals(List.of("after-restart"), nb.take(1), "the new node delivers its own updates, and none of the old ones live");
        assertNotNull(b.history("after-restart"), "and keeps them");
    }
}
