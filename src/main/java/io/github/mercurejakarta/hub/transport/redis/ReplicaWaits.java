package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.hub.transport.TransportException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code WAIT}s of {@code wait-replicas=N}, group-commit style. Redis's {@code WAIT} waits for what the
 * connection it runs on has written so far (the client's replication offset), and blocks that connection
 * meanwhile; one {@code WAIT} per publish therefore put every publish of the node in a queue behind the
 * others' round trips to the replicas, and under load they timed out. Here a publish whose script has
 * answered joins the waiters; one {@code WAIT} at a time is in flight, for every publish that joined before
 * it was sent (so after its stream entry was written, on the same connection); publishes that join meanwhile
 * go with the next one.
 *
 * <p>When the {@code WAIT} answers with at least N replicas, its publishes are acknowledged. With fewer,
 * those whose own time ({@code wait-timeout} from their joining) is up fail with {@code MERCURE0311W}
 * (503); the others go with the next {@code WAIT}, which covers their entries too and runs for the time the
 * earliest of its publishes has left: every publish is answered within its {@code wait-timeout} (and a round
 * trip). A publish whose entry may have been written on another connection than the one its {@code WAIT}
 * ran on (Lettuce reconnected in between, as after a failover) fails (503) rather than be acknowledged by a
 * {@code WAIT} that does not cover it.
 */
final class ReplicaWaits {

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisScripts scripts;
    private final int replicas;
    private final long timeoutMillis;
    private final Duration commandTimeout;
    /** Moves on at every (dis)connection of the client's connections: a WAIT covers only its connection's writes. */
    private final AtomicLong connections = new AtomicLong();

    private final Object lock = new Object();
    /** Publishes whose entry is written and which no WAIT sent so far covers. */
    private List<Waiter> joined = new ArrayList<>();
    private boolean waiting;

    private record Waiter(String updateId, long connection, long deadline, CompletableFuture<Void> done) {
    }

    /**
     * @param client     the client of {@code connection}, whose reconnections are followed
     * @param connection the connection the stream entries are written on, where the WAITs run too
     */
    ReplicaWaits(RedisClient client, StatefulRedisConnection<String, byte[]> connection, RedisScripts scripts,
                 int replicas, long timeoutMillis, Duration commandTimeout) {
        this.connection = connection;
        this.scripts = scripts;
        this.replicas = replicas;
        this.timeoutMillis = timeoutMillis;
        this.commandTimeout = commandTimeout;
        // Lettuce calls these on the channel's event loop as the channel goes inactive, before it schedules the
        // reconnection (at least 10 ms later): a WAIT that runs on the new channel sees the new number
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
                connections.incrementAndGet();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
                connections.incrementAndGet();
            }
        });
    }

    /** The connection's number now: read before the update's entry is written, and handed to {@link #await}. */
    long connection() {
        return connections.get();
    }

    /**
     * Returns once {@code replicas} replicas have the entry written for {@code updateId} (which has answered).
     *
     * @param connection {@link #connection()} before the entry was written
     * @throws TransportException (503) when they do not within the timeout, or Redis fails
     */
    void await(String updateId, long connection) {
        Waiter w = new Waiter(updateId, connection, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                new CompletableFuture<>());
        boolean first;
        synchronized (lock) {
            joined.add(w);
            first = !waiting;
            waiting = true;
        }
        if (first) {
            send(List.of());
        }
        try {
            w.done().get(timeoutMillis + commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException te ? te
                    : new TransportException("waiting for the replicas failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw notReplicated(updateId, "no answer from Redis");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the replicas");
        }
    }

    /** Sends the WAIT for {@code carried} and whoever joined since the last one; or stops when nobody waits. */
    private void send(List<Waiter> carried) {
        List<Waiter> group;
        synchronized (lock) {
            if (carried.isEmpty() && joined.isEmpty()) {
                waiting = false;
                return;
            }
            group = new ArrayList<>(carried);
            group.addAll(joined);
            joined = new ArrayList<>();
        }
        long earliest = Long.MAX_VALUE;
        for (Waiter w : group) {
            earliest = Math.min(earliest, w.deadline());
        }
        // WAIT 0 would block for ever: at least 1 ms
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest - System.nanoTime() + 999_999));
        long sentOn = connections.get();
        CompletableFuture<Long> answer;
        try {
            answer = connection.async().waitForReplication(replicas, millis).toCompletableFuture();
        } catch (RedisException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // on Lettuce's event loop: settles the group and sends the next WAIT, which blocks nothing
        answer.whenComplete((acked, error) -> settle(group, sentOn, acked, error));
    }

    private void settle(List<Waiter> group, long sentOn, Long acked, Throwable error) {
        List<Waiter> carried = new ArrayList<>();
        try {
            boolean sameConnection = connections.get() == sentOn;
            long now = System.nanoTime();
            for (Waiter w : group) {
                if (error != null) {
                    w.done().completeExceptionally(error instanceof RedisException re ? scripts.unavailable(re)
                            : new TransportException("waiting for the replicas failed: " + error, error));
                } else if (!sameConnection || w.connection() != sentOn) {
                    w.done().completeExceptionally(notReplicated(w.updateId(),
                            "the connection to Redis was re-established meanwhile, so replication cannot be confirmed"));
                } else if (acked >= replicas) {
                    w.done().complete(null);
                } else if (w.deadline() - now <= 0) {
                    w.done().completeExceptionally(notReplicated(w.updateId(), "reached " + acked + " of the " + replicas
                            + " replicas " + RedisTransport.WAIT_REPLICAS + " asks for within " + timeoutMillis + " ms"));
                } else {
                    carried.add(w); // time left: the next WAIT covers its entry too
                }
            }
        } finally {
            send(carried);
        }
    }

    private TransportException notReplicated(String updateId, String why) {
        return new TransportException("MERCURE0311W update " + updateId + " " + why + ": not acknowledged (it is in the"
                + " stream of the primary and may still be delivered)");
    }
}
