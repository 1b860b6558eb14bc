package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.Transport.Events;
import io.github.mercurejakarta.hub.transport.UpdateCodec;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's reader of the stream: one thread that delivers every entry to the hub, in the stream's
 * order, from the last id it delivered on, through outages of Redis (see "Failures" in
 * {@link RedisTransport}); and that notices, by the entries' sequence numbers, when trimming removed
 * entries it had not read yet (see "Gaps"). Whether its last read succeeded is the transport's
 * readiness; whether it goes round is its liveness.
 */
final class StreamReader {

    /** The logger of {@link RedisTransport}, which operators already configure for the transport's messages. */
    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

    /** Most entries one XREAD returns. */
    static final int BATCH = 512;
    static final Duration BLOCK = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);
    /** A reader loop that has not gone round for this long is stuck (it goes round at least every BLOCK). */
    static final Duration STUCK = Duration.ofSeconds(30);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String streamKey;
    /** Redis's URL without its password, for messages. */
    private final String redis;
    /** The stream's length, for the message that says the reader fell further behind. */
    private final String streamLength;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile String lastRead;
    /** The sequence number of the entry at {@link #lastRead} (0 before the first entry). */
    private volatile long lastSeq;
    private volatile Events events;
    /** Whether the reader's last attempt failed: Redis is unreachable (readiness down). */
    private volatile boolean readerDown;
    private volatile String lastError;
    private volatile long readerProgressNanos = System.nanoTime();
    private Thread readerThread;

    /**
     * @param lastRead the stream id to read after: the last entry when the node starts, so that what
     *                 came before is history, not delivered
     * @param lastSeq  the sequence number of that entry
     */
    StreamReader(StatefulRedisConnection<String, byte[]> connection, String streamKey, String redis,
            String streamLength, String lastRead, long lastSeq) {
        this.connection = connection;
        this.streamKey = streamKey;
        this.redis = redis;
        this.streamLength = streamLength;
        this.lastRead = lastRead;
        this.lastSeq = lastSeq;
    }

    synchronized void start(Consumer<EncodedUpdate> listener, Events events) {
        if (readerThread != null) {
            throw new IllegalStateException("already started");
        }
        this.events = events;
        readerThread = new Thread(() -> readLoop(listener), "mercure-redis-reader");
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /** Whether the last XREAD failed: Redis is unreachable. */
    boolean down() {
        return readerDown;
    }

    /** The message of the last failed XREAD (null before the first failure). */
    String lastError() {
        return lastError;
    }

    /** Why the reader does not deliver (not started, ended, stuck), or null while it goes round. */
    String notDelivering() {
        Thread t = readerThread;
        boolean delivering = t != null && t.isAlive() && System.nanoTime() - readerProgressNanos < STUCK.toNanos();
        if (delivering) {
            return null;
        }
        return t == null ? "not started" : !t.isAlive() ? "ended"
                : "stuck for " + Duration.ofNanos(System.nanoTime() - readerProgressNanos).toSeconds() + " s";
    }

    /** Ends the loop at its next turn; a pending XREAD ends when its connection closes. */
    void close() {
        closed = true;
        closing.countDown();
    }

    void join(Duration timeout) {
        if (readerThread != null) {
            try {
                readerThread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop(Consumer<EncodedUpdate> listener) {
        RedisCommands<String, byte[]> c = connection.sync();
        XReadArgs args = XReadArgs.Builder.block(BLOCK).count(BATCH);
        long retryMillis = 10;
        boolean down = false;
        while (!closed) {
            readerProgressNanos = System.nanoTime();
            List<StreamMessage<String, byte[]>> batch;
            try {
                batch = c.xread(args, XReadArgs.StreamOffset.from(streamKey, lastRead));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                lastError = String.valueOf(e.getMessage());
                if (!down) {
                    down = true;
                    readerDown = true;
                    // once per outage, not per retry
                    LOG.log(Level.WARNING, "MERCURE0301W Redis at {0} is unreachable: publishing fails (503) and "
                            + "delivery waits until it returns; retrying: {1}", new Object[] {redis, e.getMessage()});
                }
                await(retryMillis);
                retryMillis = Math.min(retryMillis * 2, MAX_RETRY_DELAY.toMillis());
                continue;
            }
            if (down) {
                down = false;
                // logged before readiness turns UP, so whoever sees the hub ready again finds the line written
                LOG.log(Level.INFO, "MERCURE0302I Redis at {0} is reachable again: delivering from stream id {1} on",
                        new Object[] {redis, lastRead});
                readerDown = false;
            }
            retryMillis = 10;
            if (batch == null) {
                continue;
            }
            for (StreamMessage<String, byte[]> m : batch) {
                readerProgressNanos = System.nanoTime();
                checkSequence(m);
                EncodedUpdate u;
                try {
                    u = EncodedUpdate.of(UpdateCodec.decode(m.getBody().get("u"))).at(RedisTransport.position(m.getId()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0303W skipping stream entry " + m.getId() + " of " + streamKey
                            + ": not an update written by this version of the hub", e);
                    lastRead = m.getId();
                    continue;
                }
                try {
                    listener.accept(u);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "MERCURE0304E delivering update " + u.id() + " failed", e);
                }
                lastRead = m.getId();
            }
        }
    }

    /** Compares the entry's sequence number with the last one read (see "Gaps" in {@link RedisTransport}). */
    private void checkSequence(StreamMessage<String, byte[]> m) {
        byte[] field = m.getBody().get("n");
        if (field == null) {
            return; // written before entries were numbered
        }
        long n = Long.parseLong(new String(field, StandardCharsets.UTF_8));
        long last = lastSeq;
        lastSeq = n;
        if (n == last + 1) {
            return;
        }
        if (n > last + 1) {
            long missed = n - last - 1;
            LOG.log(Level.WARNING, "MERCURE0305W this node missed {0} updates (numbers {1} to {2}): its reader fell further "
                    + "behind than the stream of {3} keeps ({4} entries); ending its open streams so that their clients "
                    + "reconnect with Last-Event-ID", new Object[] {missed, last + 1, n - 1, redis, streamLength});
            events.updatesMissed(missed);
        } else {
            LOG.log(Level.WARNING, "MERCURE0306W the stream of {0} starts again at number {1} (this node had read up to {2}): "
                    + "Redis lost its data (a restart without persistence?), and with it the history",
                    new Object[] {redis, n, last});
        }
    }

    private void await(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
