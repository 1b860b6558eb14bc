package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.Transport.Events;
import io.github.mercurejakarta.hub.transport.UpdateCodec;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's reader of the updates table: one thread, on a connection of its own that LISTENs to the
 * schema's channel, which reads the rows after the last position it delivered whenever a notification
 * (or a second without one) wakes it, and delivers them to the hub in their order. Through an outage it
 * retries and reads on from its last position; a hole in the positions means rows were trimmed before it
 * read them (see "Failures" in {@link PostgresTransport}). Whether its last attempt succeeded is the
 * transport's readiness; whether it goes round is its liveness.
 */
final class NotificationReader {

    /** The logger of {@link PostgresTransport}, which operators configure for the transport's messages. */
    private static final Logger LOG = Logger.getLogger(PostgresTransport.class.getName());

    /** Rows one read returns at most. */
    static final int BATCH = 512;
    /** The longest wait for a notification: the reader reads at least this often, notified or not. */
    static final int WAIT_MILLIS = 1000;
    /** How often to read when the connection cannot LISTEN (a DataSource that does not unwrap to pgjdbc's). */
    static final int POLL_MILLIS = 20;
    static final long MAX_RETRY_MILLIS = 1000;
    static final Duration STUCK = Duration.ofSeconds(30);

    private final Database db;
    private final PostgresLocation location;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile long lastRead;
    /** Updates delivered from their notification, without reading the table (tests). */
    private volatile long carried;
    private volatile boolean down;
    private volatile String lastError;
    /** When the reader last found the server reachable again after an outage (System.nanoTime). */
    private volatile long backSince = System.nanoTime();
    private volatile long progressNanos = System.nanoTime();
    private volatile Connection connection;
    private Events events;
    private Thread thread;

    /** @param lastRead the position to read after: the last one when the node starts (what came before is history) */
    NotificationReader(Database db, long lastRead) {
        this.db = db;
        this.location = db.location();
        this.lastRead = lastRead;
    }

    synchronized void start(Consumer<EncodedUpdate> listener, Events events) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        this.events = events;
        thread = new Thread(() -> loop(listener), "mercure-postgresql-reader");
        thread.setDaemon(true);
        thread.start();
    }

    long carried() {
        return carried;
    }

    boolean down() {
        return down;
    }

    String lastError() {
        return lastError;
    }

    /** When (System.nanoTime) the reader last reached the server again after an outage, or was made. */
    long backSince() {
        return backSince;
    }

    /** Why the reader does not deliver (not started, ended, stuck), or null while it goes round. */
    String notDelivering() {
        Thread t = thread;
        long idle = System.nanoTime() - progressNanos;
        if (t != null && t.isAlive() && idle < STUCK.toNanos()) {
            return null;
        }
        return t == null ? "not started" : !t.isAlive() ? "ended" : "stuck for " + Duration.ofNanos(idle).toSeconds() + " s";
    }

    private void loop(Consumer<EncodedUpdate> listener) {
        long retryMillis = 10;
        PGConnection pg = null;
        PreparedStatement select = null;
        boolean polling = false;
        boolean caughtUp = false; // the last notifications carried every update they announced
        while (!closed) {
            progressNanos = System.nanoTime();
            try {
                if (connection == null) {
                    Connection c = db.open();
                    connection = c;
                    try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + location.channel());
                    }
                    pg = c.isWrapperFor(PGConnection.class) ? c.unwrap(PGConnection.class) : null;
                    if (pg == null && !polling) {
                        polling = true;
                        LOG.warning(() -> "MERCURE1005W the connections of " + location.describe() + " do not unwrap to "
                                + "pgjdbc's PGConnection, so this node cannot wait for notifications: it reads every "
                                + POLL_MILLIS + " ms instead");
                    }
                    select = c.prepareStatement("SELECT pos, body FROM " + location.table("updates")
                            + " WHERE pos > ? ORDER BY pos LIMIT " + BATCH);
                    checkRestart(c);
                }
                int n = caughtUp ? 0 : readOnce(select, listener);
                caughtUp = false;
                if (down) {
                    // logged before readiness turns UP, so whoever sees the hub ready again finds the line written
                    LOG.log(Level.INFO, "MERCURE1003I PostgreSQL at {0} is reachable again: delivering from position {1} on",
                            new Object[] {location.describe(), lastRead});
                    backSince = System.nanoTime();
                    down = false;
                }
                retryMillis = 10;
                if (n < BATCH) {
                    if (pg != null) {
                        PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                        // none within the wait: read anyway (a notification of a writer of another version)
                        caughtUp = got != null && got.length > 0 && deliverCarried(got, listener);
                    } else {
                        await(POLL_MILLIS);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                Database.closeQuietly(connection);
                connection = null;
                lastError = String.valueOf(e.getMessage());
                if (!down) {
                    down = true;
                    // once per outage, not per retry
                    LOG.log(Level.WARNING, "MERCURE1001W PostgreSQL at {0} is unavailable: publishing fails (503) and "
                            + "delivery waits until it returns; retrying: {1}", new Object[] {location.describe(), e.getMessage()});
                }
                await(retryMillis);
                retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
            }
        }
        Database.closeQuietly(connection);
        connection = null;
    }

    /** Reads and delivers the rows after {@link #lastRead}; returns how many. */
    private int readOnce(PreparedStatement select, Consumer<EncodedUpdate> listener) throws SQLException {
        select.setLong(1, lastRead);
        int n = 0;
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                n++;
                progressNanos = System.nanoTime();
                long pos = rs.getLong(1);
                long expected = lastRead + 1;
                if (pos != expected) {
                    long missed = pos - expected;
                    LOG.log(Level.WARNING, "MERCURE1004W this node missed {0} updates (positions {1} to {2}): its reader fell "
                            + "further behind than {3} keeps; ending its open streams so that their clients reconnect with "
                            + "Last-Event-ID", new Object[] {missed, expected, pos - 1, location.describe()});
                    events.updatesMissed(missed);
                }
                deliver(pos, rs.getBytes(2), listener);
            }
        }
        return n;
    }

    /**
     * Delivers the updates the notifications carry, in their order (commit order), while each starts right
     * after what was delivered; returns false at the first that does not (it announced a group too large to
     * carry, or there is a hole: the table says what is new), true when nothing is left to read.
     */
    private boolean deliverCarried(PGNotification[] got, Consumer<EncodedUpdate> listener) {
        for (PGNotification notification : got) {
            NotifyPayload p = NotifyPayload.parse(notification.getParameter());
            if (p == null) {
                return false;
            }
            if (p.last() <= lastRead) {
                continue; // read from the table already
            }
            if (p.bodies().isEmpty() || p.first() > lastRead + 1) {
                return false;
            }
            long pos = p.first();
            for (byte[] body : p.bodies()) {
                if (pos > lastRead) {
                    deliver(pos, body, listener);
                    carried++; // this thread's alone
                }
                pos++;
            }
        }
        return true;
    }

    /** Hands the update at {@code pos} to the hub; either way, the reader is past it. */
    private void deliver(long pos, byte[] body, Consumer<EncodedUpdate> listener) {
        progressNanos = System.nanoTime();
        EncodedUpdate u;
        try {
            u = EncodedUpdate.of(UpdateCodec.decode(body)).at(pos);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MERCURE1010W skipping row " + pos + " of " + location.table("updates")
                    + ": not an update written by this version of the hub", e);
            lastRead = pos;
            return;
        }
        try {
            listener.accept(u);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "MERCURE1011E delivering update " + u.id() + " failed", e);
        }
        lastRead = pos;
    }

    /** After (re)connecting: a store that starts again below what this node read was recreated (its history lost). */
    private void checkRestart(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_pos FROM " + location.table("meta"))) {
            if (rs.next() && rs.getLong(1) < lastRead) {
                long was = lastRead;
                long now = rs.getLong(1);
                LOG.log(Level.WARNING, "MERCURE1012W the hub''s tables in {0} start again at position {1} (this node had read "
                        + "up to {2}): they were recreated, and with them the history", new Object[] {location.describe(), now, was});
                lastRead = now;
            }
        }
    }

    /** Ends the loop at its next turn (within {@value #WAIT_MILLIS} ms), and waits for it. */
    void close() {
        closed = true;
        closing.countDown();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(WAIT_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Database.closeQuietly(connection);
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
