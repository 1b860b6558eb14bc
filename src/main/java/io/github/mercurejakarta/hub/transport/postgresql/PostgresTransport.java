package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportHealth;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import io.github.mercurejakarta.hub.transport.UpdateCodec;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several hub nodes as one, through a PostgreSQL database: every node writes the updates published on
 * it to one table, and reads the table back, woken by {@code LISTEN}/{@code NOTIFY}; so every node
 * delivers every update of the cluster once, in one order, and the table is the history a subscriber
 * reconnecting to any node resumes from with {@code Last-Event-ID}.
 *
 * <pre>{@code
 * // mercure.hub.transport=postgresql://hub:secret@db:5432/app?schema=mercure
 * // or, in an application server: mercure.hub.transport=datasource:jdbc/app
 * Transport t = PostgresTransport.connect("postgresql://hub:secret@db:5432/app", new TransportSettings(500));
 * }</pre>
 *
 * <h2>Tables</h2>
 * In the schema of the {@code schema=} parameter ({@code public} by default), created at the first start
 * when missing (the user then needs {@code CREATE} on the schema; docs/postgresql.md has the SQL for a
 * DBA to run instead):
 * <ul>
 * <li>{@code mercure_updates(pos, id, at, body)} — one row per update: its position in the order, its id
 *     (indexed with the position, for {@code Last-Event-ID}), the database's time of its commit's start,
 *     and the update's bytes ({@link UpdateCodec}).</li>
 * <li>{@code mercure_meta} — one row: the store's format version, the last position and the last id.</li>
 * <li>{@code mercure_nodes}, {@code mercure_subscriptions} — the active subscriptions of each node and each
 *     node's expiry, renewed by its heartbeat ({@link PostgresSubscriptions}).</li>
 * </ul>
 *
 * <h2>One order</h2>
 * A node's writer thread commits the updates published on the node while its previous commit was
 * running as one transaction (a group commit): it first moves the last position in {@code mercure_meta}
 * forward by as many updates as it writes, which locks that row until the commit. Positions are
 * therefore taken, and become visible, in one order for the whole cluster, without holes: a reader that
 * reads {@code pos > last} never sees a later update before an earlier one, and an update missing from
 * what it reads was trimmed. The same transaction sends {@code NOTIFY mercure_<schema>} with the last
 * position and, when they fit in the 8,000 bytes a payload may have, the group's updates
 * ({@link NotifyPayload}): PostgreSQL delivers notifications in commit order, so a reader up to date
 * delivers a group from its notification without reading the table; a larger group, or one a reader
 * cannot place right after what it delivered, is read from the table, so updates of any size travel.
 *
 * <h2>Acknowledged means committed</h2>
 * {@link #dispatch} returns (HTTP 200, or {@code mercure.publish} returns) once the transaction holding the
 * update has committed: with the server's default {@code synchronous_commit=on}, on its disk (and on its
 * synchronous standbys). A node killed after that loses nothing: the update is in the table, which is
 * every node's history. A publish whose commit fails, or whose connection breaks, is answered with a
 * {@link TransportException} (503): when the connection broke while the commit was on its way, the
 * update may still have been committed, and is then delivered; a publisher that retries with the same
 * id lets clients drop the duplicate.
 *
 * <h2>Bounds</h2>
 * The history is the last {@code mercure.hub.reconciliation.length} updates that are no older than
 * {@code mercure.hub.history.max.age} (when set); the table keeps at least {@value #READERS_MARGIN} more
 * rows so that a node whose reader falls behind for a moment still finds what it has not read. One node
 * at a time (an advisory lock) deletes the rows beyond both, every second, in its own transactions of at
 * most {@value #TRIM_STEP} rows: a delete takes no lock a publisher waits for.
 *
 * <h2>Failures</h2>
 * While PostgreSQL is unreachable a publish fails at once (503, {@code MERCURE1001W} once per outage),
 * the reader retries every second at most, and readiness is down; once the server is back the reader
 * reads on from the last position it delivered, so open streams get every update the database accepted,
 * and publishing works again at the next publish (a connection broken by the restart is replaced before
 * the update is written, not reported). A reader that finds positions missing (it fell further behind
 * than the table keeps) logs {@code MERCURE1004W} and has the hub end its streams
 * ({@link Events#updatesMissed}), as the Redis transport does.
 */
public final class PostgresTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(PostgresTransport.class.getName());

    /** The store's format: bump when the tables change, with a migration from the previous one. */
    static final int FORMAT_VERSION = 1;
    /** Rows kept beyond the history, whatever the bounds: the readers' margin. */
    static final int READERS_MARGIN = 1000;
    /** Rows one trimming transaction deletes at most. */
    static final int TRIM_STEP = 5000;
    /** Publishes committed together at most. */
    static final int MAX_GROUP = 1024;
    /** How long a publish waits for its commit before it is answered 503. */
    static final long COMMIT_TIMEOUT_MILLIS = 10_000;
    private static final Events NO_EVENTS = new Events() {
    };

    private final Database db;
    private final PostgresLocation location;
    private final int keep;
    private final long maxAgeMillis;
    private final String metaTable;
    private final String updatesTable;
    private final NotificationReader reader;
    private final PostgresSubscriptions subscriptions;
    private final Thread writerThread;

    /** Orders joining a group; held for microseconds. */
    private final Object lock = new Object();
    private List<Pending> group = new ArrayList<>();
    private boolean closed;
    private volatile boolean killed;

    // the writer thread's own
    private volatile Connection writer;
    private PreparedStatement advance;
    private PreparedStatement insert;
    private PreparedStatement notify;
    private volatile String writeError;
    private volatile long writeErrorNanos;

    private record Pending(EncodedUpdate update, byte[] body, CompletableFuture<EncodedUpdate> done) {
    }

    private PostgresTransport(Database db, TransportSettings settings) {
        this.db = db;
        this.location = db.location();
        this.keep = settings.reconciliationLength();
        this.maxAgeMillis = settings.maxAge().toMillis();
        this.metaTable = location.table("meta");
        this.updatesTable = location.table("updates");
        long lastPos;
        try {
            lastPos = db.query(this::prepareSchema);
        } catch (TransportException e) {
            db.close();
            throw new TransportException("cannot reach PostgreSQL at " + location.describe() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        // deliver what is committed from now on; what came before is history
        this.reader = new NotificationReader(db, lastPos);
        this.subscriptions = new PostgresSubscriptions(db, keep);
        this.writerThread = new Thread(this::writeLoop, "mercure-postgresql-writer");
        writerThread.setDaemon(true);
        writerThread.start();
        LOG.info(() -> "MERCURE1007I history in PostgreSQL at " + location.describe() + ", schema " + location.schema()
                + ": " + (lastPos > 0 ? lastPos + " updates published so far" : "empty") + " (keeps " + keep
                + (maxAgeMillis > 0 ? ", at most " + settings.maxAge() + " old" : "") + ")");
    }

    /**
     * Connects to PostgreSQL and creates the hub's tables when missing.
     *
     * @param url {@code postgresql://[user[:password]@]host[:port]/database[?sslmode=...&schema=NAME]} (also
     *            {@code postgres://}), or {@code datasource:JNDI-NAME[?schema=NAME]}
     * @throws IllegalArgumentException when the URL is not usable (a configuration error)
     * @throws TransportException       when the database cannot be reached, or holds a store of another format
     */
    public static PostgresTransport connect(String url, TransportSettings settings) {
        return new PostgresTransport(new Database(PostgresLocation.parse(Objects.requireNonNull(url))),
                Objects.requireNonNull(settings));
    }

    /** Creates what is missing (under an advisory lock: several nodes may start at once), checks the format. */
    private long prepareSchema(Connection c) throws SQLException {
        String s = location.schema();
        if (!exists(c, metaTable)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                try (PreparedStatement lockSchema = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lockSchema.setString(1, "mercure-schema:" + s);
                    lockSchema.execute();
                }
                if (!exists(c, metaTable)) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
                    st.execute("CREATE TABLE " + updatesTable + " (pos bigint PRIMARY KEY, id text NOT NULL,"
                            + " at timestamptz NOT NULL DEFAULT now(), body bytea NOT NULL)");
                    st.execute("CREATE INDEX mercure_updates_id ON " + updatesTable + " (id, pos)");
                    st.execute("CREATE INDEX mercure_updates_at ON " + updatesTable + " (at)");
                    st.execute("CREATE TABLE " + location.table("nodes") + " (node text PRIMARY KEY, expires timestamptz NOT NULL)");
                    st.execute("CREATE TABLE " + location.table("subscriptions") + " (node text NOT NULL, id text NOT NULL,"
                            + " seq bigserial NOT NULL, record text NOT NULL, PRIMARY KEY (node, id))");
                    st.execute("CREATE TABLE " + metaTable + " (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
                            + " format integer NOT NULL, last_pos bigint NOT NULL, last_id text)");
                    st.execute("INSERT INTO " + metaTable + " (format, last_pos) VALUES (" + FORMAT_VERSION + ", 0)");
                    LOG.info(() -> "MERCURE1008I created the hub's tables in schema " + s + " of " + location.describe());
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT format, last_pos FROM " + metaTable)) {
            if (!rs.next()) {
                throw new TransportException("MERCURE1015E " + metaTable + " of " + location.describe()
                        + " has no row: not a mercure store; give the hub a schema of its own (?schema=NAME)");
            }
            int format = rs.getInt(1);
            if (format != FORMAT_VERSION) {
                throw new TransportException("MERCURE1006E the hub's tables in schema " + s + " of " + location.describe()
                        + " have store format version " + format + ", this hub reads version " + FORMAT_VERSION
                        + (format > FORMAT_VERSION ? " (written by a newer hub?)" : "") + "; use a hub of that version or another schema");
            }
            return rs.getLong(2);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public void start(Consumer<EncodedUpdate> listener) {
        start(listener, NO_EVENTS);
    }

    @Override
    public synchronized void start(Consumer<EncodedUpdate> listener, Events events) {
        Events reported = Events.failuresLogged(Objects.requireNonNull(events), LOG,
                "MERCURE1009E the hub failed to handle a transport event");
        reader.start(Objects.requireNonNull(listener), reported);
        subscriptions.start(reported, this::trim);
    }

    @Override
    public EncodedUpdate dispatch(EncodedUpdate update) {
        // encoded on the publisher's thread: the writer only writes
        Pending p = new Pending(update, UpdateCodec.encode(update.update()), new CompletableFuture<>());
        synchronized (lock) {
            if (closed) {
                throw new TransportException("the hub is shutting down");
            }
            group.add(p);
            if (group.size() == 1) {
                lock.notifyAll();
            }
        }
        try {
            return p.done().get(COMMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException te ? te
                    : new TransportException("the update could not be written: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            // it may still be committed (and delivered) later: see "Acknowledged means committed"
            throw new TransportException("PostgreSQL at " + location.describe() + " did not commit the update within "
                    + COMMIT_TIMEOUT_MILLIS / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while the update was being written");
        }
    }

    /** The writer: one transaction per group of publishes; what it commits, the reader delivers. */
    private void writeLoop() {
        while (true) {
            List<Pending> batch;
            synchronized (lock) {
                while (group.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (group.isEmpty() || killed) {
                    break;
                }
                if (group.size() <= MAX_GROUP) {
                    batch = group;
                    group = new ArrayList<>();
                } else {
                    batch = new ArrayList<>(group.subList(0, MAX_GROUP));
                    group = new ArrayList<>(group.subList(MAX_GROUP, group.size()));
                }
            }
            long last;
            try {
                last = commit(batch);
            } catch (SQLException | RuntimeException e) {
                if (killed) {
                    break;
                }
                String error = e.getMessage();
                if (writeError == null) {
                    // once per outage, not per publish
                    LOG.log(Level.WARNING, "MERCURE1001W PostgreSQL at {0} is unavailable: publishing fails (503) until it "
                            + "returns: {1}", new Object[] {location.describe(), error});
                }
                writeError = error;
                writeErrorNanos = System.nanoTime();
                TransportException failure = new TransportException("PostgreSQL at " + location.describe()
                        + " is unavailable: " + error, e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
                continue;
            }
            if (writeError != null) {
                writeError = null;
                LOG.info(() -> "MERCURE1002I PostgreSQL at " + location.describe() + " takes updates again");
            }
            long pos = last - batch.size();
            for (Pending p : batch) {
                p.done().complete(p.update().at(++pos));
            }
        }
        closeWriter();
    }

    /**
     * Writes {@code batch} in one transaction and returns its last position; on a fresh connection once
     * more when the kept one turns out broken before the commit was sent (PostgreSQL was restarted since).
     */
    private long commit(List<Pending> batch) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            boolean commitSent = false;
            try {
                if (writer == null) {
                    openWriter();
                }
                advance.setInt(1, batch.size());
                advance.setString(2, keep > 0 ? batch.get(batch.size() - 1).update().id() : null);
                long last;
                try (ResultSet rs = advance.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
                long pos = last - batch.size();
                for (Pending p : batch) {
                    insert.setLong(1, ++pos);
                    insert.setString(2, p.update().id());
                    insert.setBytes(3, p.body());
                    insert.addBatch();
                }
                insert.executeBatch();
                notify.setString(1, location.channel());
                notify.setString(2, NotifyPayload.of(last, batch.stream().map(Pending::body).toList()));
                notify.execute();
                commitSent = true;
                writer.commit();
                return last;
            } catch (SQLException e) {
                closeWriter();
                if (attempt == 0 && !commitSent && Database.connectionLost(e) && !killed) {
                    continue;
                }
                throw e;
            }
        }
    }

    private void openWriter() throws SQLException {
        Connection c = db.open();
        try {
            c.setAutoCommit(false);
            advance = c.prepareStatement("UPDATE " + metaTable + " SET last_pos = last_pos + ?, last_id = coalesce(?, last_id)"
                    + " RETURNING last_pos");
            insert = c.prepareStatement("INSERT INTO " + updatesTable + " (pos, id, body) VALUES (?, ?, ?)");
            notify = c.prepareStatement("SELECT pg_notify(?, ?)");
            writer = c;
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw e;
        }
    }

    private void closeWriter() {
        Connection c = writer;
        writer = null;
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // closing anyway
            }
            Database.closeQuietly(c);
        }
    }

    @Override
    public History history(String lastEventId) {
        if (keep == 0) {
            return new History(false, List.of(), -1);
        }
        String cursorId = lastEventId == null || Dialect.EARLIEST.equals(lastEventId) ? null : lastEventId;
        return db.query(c -> {
            c.setAutoCommit(false);
            try {
                // one snapshot: the cursor and the updates after it
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                return read(c, cursorId);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        });
    }

    private History read(Connection c, String cursorId) throws SQLException {
        long last;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_pos FROM " + metaTable)) {
            rs.next();
            last = rs.getLong(1);
        }
        long floor = last - keep; // the history is the positions above it
        String age = maxAgeMillis > 0 ? " AND at >= now() - ? * interval '1 millisecond'" : "";
        long cursor = -1;
        if (cursorId != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(pos) FROM " + updatesTable + " WHERE id = ? AND pos > ?" + age)) {
                ps.setString(1, cursorId);
                ps.setLong(2, floor);
                if (maxAgeMillis > 0) {
                    ps.setLong(3, maxAgeMillis);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long p = rs.getLong(1);
                    cursor = rs.wasNull() ? -1 : p;
                }
            }
        }
        List<EncodedUpdate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pos, body FROM " + updatesTable + " WHERE pos > ? AND pos <= ?"
                + age + " ORDER BY pos")) {
            ps.setLong(1, Math.max(cursor, floor));
            ps.setLong(2, last);
            if (maxAgeMillis > 0) {
                ps.setLong(3, maxAgeMillis);
            }
            ps.setFetchSize(1000); // a cursor (in this transaction), not the whole history in one answer
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(EncodedUpdate.of(UpdateCodec.decode(rs.getBytes(2))).at(rs.getLong(1)));
                }
            }
        }
        long lastPosition = !out.isEmpty() ? out.get(out.size() - 1).position() : cursor;
        return new History(cursor >= 0, out, lastPosition);
    }

    @Override
    public String lastEventId() {
        if (keep == 0) {
            return Dialect.EARLIEST;
        }
        return db.query(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_id FROM " + metaTable)) {
                rs.next();
                String id = rs.getString(1);
                return id == null ? Dialect.EARLIEST : id;
            }
        });
    }

    /** Deletes the rows beyond the history and the readers' margin (one node at a time); on the maintenance thread. */
    private void trim() {
        db.query(c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
                    ps.setString(1, "mercure-trim:" + location.schema());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            return null; // another node is trimming
                        }
                    }
                }
                long last;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_pos FROM " + metaTable)) {
                    rs.next();
                    last = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + updatesTable + " WHERE pos IN (SELECT pos FROM "
                        + updatesTable + " WHERE pos <= ? ORDER BY pos LIMIT " + TRIM_STEP + ")")) {
                    ps.setLong(1, last - keep - READERS_MARGIN);
                    ps.executeUpdate();
                }
                if (maxAgeMillis > 0) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + updatesTable + " WHERE pos IN (SELECT pos FROM "
                            + updatesTable + " WHERE at < now() - ? * interval '1 millisecond' AND pos <= ? ORDER BY pos LIMIT "
                            + TRIM_STEP + ")")) {
                        ps.setLong(1, maxAgeMillis);
                        ps.setLong(2, last - READERS_MARGIN);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return null;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Trims now (tests, which do not wait for the schedule). */
    void trimNow() {
        trim();
    }

    /** How many updates the reader delivered from their notification (tests). */
    long carriedUpdates() {
        return reader.carried();
    }

    /** One heartbeat now (tests). */
    void beat() {
        subscriptions.beat();
    }

    /**
     * Records the subscription under this node, listed while the node's heartbeat keeps it alive (15 s):
     * the records of a crashed node leave the list on their own, and are then claimed by one live node,
     * whose hub announces their end.
     */
    @Override
    public void register(ActiveSubscription subscription) {
        subscriptions.register(subscription);
    }

    @Override
    public void unregister(ActiveSubscription subscription) {
        subscriptions.unregister(subscription);
    }

    @Override
    public SubscriptionSnapshot subscriptions() {
        return subscriptions.list();
    }

    @Override
    public TransportHealth health() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transport", location.describe());
        boolean isClosed;
        synchronized (lock) {
            isClosed = closed;
        }
        String error = writeError;
        // a write that failed during an outage the reader has since seen end does not hold readiness down:
        // the next publish gets a new connection (a node that is not ready would get no publish to find out)
        if (error != null && reader.backSince() - writeErrorNanos > 0) {
            error = null;
        }
        boolean reachable = !isClosed && !reader.down() && error == null;
        String notDelivering = isClosed ? "closed" : reader.notDelivering();
        if (!reachable) {
            data.put("error", isClosed ? "the transport is closed"
                    : reader.down() && reader.lastError() != null ? reader.lastError()
                    : error != null ? error : "PostgreSQL is unreachable, reconnecting");
        }
        if (notDelivering != null) {
            data.put("reader", notDelivering);
        }
        return new TransportHealth(reachable, notDelivering == null, data);
    }

    /** Commits what was handed to the writer, takes this node's subscriptions off the list, and disconnects. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        try {
            writerThread.join(COMMIT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.close(true);
        reader.close();
        db.close();
    }

    /**
     * Stops as a crash would (tests): nothing more is committed, the connections are dropped, this node's
     * subscription records stay until another node claims them.
     */
    void kill() {
        killed = true;
        synchronized (lock) {
            closed = true;
            group.forEach(p -> p.done().completeExceptionally(new TransportException("killed")));
            group.clear();
            lock.notifyAll();
        }
        Connection w = writer;
        if (w != null) {
            try {
                w.abort(Runnable::run); // a commit under way fails, or has already happened: either is a crash
            } catch (SQLException ignored) {
                // gone already
            }
        }
        subscriptions.close(false);
        reader.close();
        db.close();
    }
}
