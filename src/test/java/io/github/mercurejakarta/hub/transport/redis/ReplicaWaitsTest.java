package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wait-replicas} under concurrent publishers, against a real primary and replica: the publishes share
 * {@code WAIT}s instead of queueing behind each other's, and an acknowledged update is on the replica.
 */
class ReplicaWaitsTest {

    private static final int PUBLISHERS = 32;

    private static EncodedUpdate update(String id) {
        return EncodedUpdate.of(Update.builder().topic("https://example.com/wait").id(id).data(id).build());
    }

    @Test
    void concurrentPublishersAreAllAcknowledgedAndEveryAcknowledgedUpdateIsOnTheReplica() throws Exception {
        try (RedisServer primary = RedisServer.start(); RedisServer replica = RedisServer.startReplicaOf(primary)) {
            awaitOnline(primary);
            String prefix = "w-" + UUID.randomUUID();
            try (RedisTransport t = RedisTransport.connect(primary.url() + "?wait-replicas=1&wait-timeout=2000", 10_000, prefix)) {
                List<Outcome> outcomes = publishConcurrently(t, 20, (tag, i) -> {
                    t.dispatch(update(tag + i));
                    // acknowledged: the replica has it now (its entry in the id index, written with the stream
                    // entry in one script), not eventually
                    return Integer.parseInt(replica.command("HEXISTS", "{" + prefix + "}:ids", tag + i));
                });
                List<Outcome> failed = outcomes.stream().filter(o -> o.error != null).toList();
                assertEquals(List.of(), failed, "every publish of " + PUBLISHERS + " concurrent publishers is acknowledged");
                assertEquals(PUBLISHERS * 20, outcomes.size());
                assertEquals(Integer.toString(PUBLISHERS * 20), replica.command("XLEN", "{" + prefix + "}:updates"));
                assertEquals(List.of(), outcomes.stream().filter(o -> o.onReplica != 1).toList(),
                        "each acknowledged update was on the replica when its publish returned");
            }
        }
    }

    @Test
    void withTheReplicaStoppedConcurrentPublishesAreRefusedAndAcknowledgedAgainOnceItIsBack() throws Exception {
        try (RedisServer primary = RedisServer.start(); RedisServer replica = RedisServer.startReplicaOf(primary)) {
            awaitOnline(primary);
            try (RedisTransport t = RedisTransport.connect(primary.url() + "?wait-replicas=1&wait-timeout=300", 100,
                    "w-" + UUID.randomUUID())) {
                t.dispatch(update("before"));
                replica.stop();
                List<Outcome> outcomes = publishConcurrently(t, 3, (tag, i) -> {
                    t.dispatch(update(tag + i));
                    return 0;
                });
                assertEquals(PUBLISHERS * 3, outcomes.size());
                for (Outcome o : outcomes) {
                    assertTrue(o.error instanceof TransportException && o.error.getMessage().contains("MERCURE0311W")
                            && o.error.getMessage().contains("0 of the 1 replicas"), "refused (503): " + o);
                }
                replica.restart();
                awaitOnline(primary);
                List<Outcome> again = publishConcurrently(t, 3, (tag, i) -> {
                    t.dispatch(update("again-" + tag + i));
                    return 0;
                });
                assertEquals(List.of(), again.stream().filter(o -> o.error != null).toList(), "acknowledged once the replica is back");
            }
        }
    }

    private record Outcome(String publisher, int index, int onReplica, Throwable error) {
    }

    private interface Publish {
        int run(String tag, int i) throws Exception;
    }

    /** {@link #PUBLISHERS} threads, each publishing {@code each} updates one after another. */
    private static List<Outcome> publishConcurrently(RedisTransport t, int each, Publish publish) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<List<Outcome>>> fs = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                String tag = "p" + p + "-";
                Callable<List<Outcome>> task = () -> {
                    List<Outcome> out = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        try {
                            out.add(new Outcome(tag, i, publish.run(tag, i), null));
                        } catch (Exception e) {
                            out.add(new Outcome(tag, i, -1, e));
                        }
                    }
                    return out;
                };
                fs.add(pool.submit(task));
            }
            List<Outcome> all = new ArrayList<>();
            for (Future<List<Outcome>> f : fs) {
                all.addAll(f.get(2, TimeUnit.MINUTES)); // a hang fails here
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitOnline(RedisServer primary) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!primary.command("INFO", "replication").contains("state=online")) {
            assertTrue(System.nanoTime() < deadline, "the replica connects: " + primary.command("INFO", "replication"));
            Thread.sleep(50);
        }
    }
}
