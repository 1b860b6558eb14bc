package io.github.mercurejakarta.hub.transport.file;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportHealth;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.Json;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A single node whose history survives a restart: the updates are rows of an SQLite database in a
 * directory ({@code mercure.hub.transport=file:/var/lib/mercure}), and a publish is answered only once
 * its update is on disk.
 *
 * <pre>{@code
 * Transport t = FileTransport.open(Path.of("/var/lib/mercure"), new TransportSettings(500, Duration.ofDays(1)));
 * }</pre>
 *
 * <h2>Acknowledged means on disk</h2>
 * {@link #dispatch} returns (and the hub answers 200, or {@code mercure.publish} returns) after the
 * transaction holding the update has been committed with {@code synchronous=FULL} in WAL mode: its frames
 * are in the write-ahead log and the log has been fsynced. One writer thread commits the updates that
 * arrived while the previous commit was syncing as one transaction (a group commit: one fsync for many
 * publishes, no added wait when the hub is idle), then delivers them to the hub in their order. A
 * publisher holds the transport's lock only to take a position and join the next group.
 *
 * <h2>Bounds</h2>
 * The history keeps at most {@code mercure.hub.reconciliation.length} updates and, when
 * {@code mercure.hub.history.max.age} is set, none older. The writer deletes what falls out of either bound
 * in the same transaction as the new rows, at most {@value #TRIM_STEP} rows more than it inserts, so a
 * backlog of trimming never lengthens one commit by much; when idle it trims by age once a second. SQLite
 * reuses the freed pages, so the database stays at the size of what is kept. Once the write-ahead log holds
 * {@value #CHECKPOINT_PAGES} pages, the writer copies it into the database after a commit (SQLite's
 * automatic checkpoint: the latest version of each changed page once, then one fsync of the database) and
 * the log starts again from its beginning, truncated back to {@value #WAL_LIMIT_BYTES} bytes. A
 * checkpoint run beside the writer would never catch up with a steady stream of commits, and the log
 * would grow without bound.
 *
 * <h2>Crashes, locks, versions</h2>
 * After a crash SQLite rolls the write-ahead log forward to its last complete commit (each frame carries
 * a checksum chained from the log's header), so a torn last write loses only the unacknowledged group
 * that was being written. The hub holds an OS lock on {@code DIR/hub.lock} while it runs (released by
 * the kernel when the process dies, even with {@code kill -9}): a second hub on the same directory is
 * refused ({@code MERCURE0802E}). The database carries an application id and a format version (SQLite's
 * {@code application_id} and {@code user_version}); one this hub does not know is refused
 * ({@code MERCURE0803E}).
 */
public final class FileTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(FileTransport.class.getName());

    /** The store's format: bump when the schema changes, with a migration from the previous one. */
    static final int FORMAT_VERSION = 1;
    /** "Mrcr": marks a database as a mercure history. */
    static final int APPLICATION_ID = 0x4D726372;
    static final String DATABASE = "history.db";
    static final String LOCK = "hub.lock";
    /** Rows trimmed per commit beyond as many as the commit inserts. */
    static final int TRIM_STEP = 1024;
    /** Publishes committed together at most: bounds one transaction's size and time. */
    static final int MAX_GROUP = 4096;
    static final long WAL_LIMIT_BYTES = 16L * 1024 * 1024;
    /** Write-ahead log pages that trigger a checkpoint (SQLite's default, about 4 MiB of log). */
    static final int CHECKPOINT_PAGES = 1000;
    /** How long a publish waits for its commit before it is answered 503. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final int READERS = 4;

    private final Path dir;
    private final Path database;
    private final int keep;
    private final long maxAgeMillis;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final Connection writer;
    private final PreparedStatement insert;
    private final PreparedStatement trimCount;
    private final PreparedStatement trimAge;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final Thread writerThread;

    /** Orders position assignment and joining a group; held for microseconds. */
    private final Object lock = new Object();
    private List<Pending> group = new ArrayList<>();
    private long nextPosition;
    private boolean closed;
    private Consumer<EncodedUpdate> listener;

    // the last committed update: what lastEventId() and the subscriptions snapshot report
    private volatile String lastId;
    private final long keptAtStart;
    private volatile String writeError;
    private final Map<String, ActiveSubscription> subscriptions = new LinkedHashMap<>();

    private record Pending(EncodedUpdate update, long at, CompletableFuture<EncodedUpdate> done) {
    }

    private FileTransport(Path dir, TransportSettings settings, int checkpointPages) {
        this.dir = dir;
        this.database = dir.resolve(DATABASE);
        this.keep = settings.reconciliationLength();
        this.maxAgeMillis = settings.maxAge().toMillis();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unusable(dir, "cannot create it: " + e, e);
        }
        this.lockChannel = lockChannel(dir);
        this.fileLock = lock(lockChannel, dir);
        Connection w = null;
        try {
            w = connect();
            checkFormat(w);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint=" + checkpointPages);
                st.execute("PRAGMA journal_size_limit=" + WAL_LIMIT_BYTES);
                try (ResultSet rs = st.executeQuery("SELECT max(pos), (SELECT id FROM updates ORDER BY pos DESC LIMIT 1), count(*) FROM updates")) {
                    rs.next();
                    this.nextPosition = rs.getLong(1) + 1;
                    this.lastId = rs.getString(2) == null ? Dialect.EARLIEST : rs.getString(2);
                    this.keptAtStart = rs.getLong(3);
                }
            }
            w.setAutoCommit(false);
            this.writer = w;
            this.insert = w.prepareStatement("INSERT INTO updates(pos, id, at, topic, other_topics, data, type, retry, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.trimCount = w.prepareStatement("DELETE FROM updates WHERE pos IN (SELECT pos FROM updates WHERE pos <= ? ORDER BY pos LIMIT ?)");
            // among the oldest rows only (no index on the time: one more index to write at every commit);
            // a row that is younger than an older one (the clock went back) waits for the count bound
            this.trimAge = w.prepareStatement("DELETE FROM updates WHERE pos IN (SELECT pos FROM updates ORDER BY pos LIMIT ?) AND at < ?");
            w.commit();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(w);
            releaseLock();
            if (e instanceof TransportException te) {
                throw te;
            }
            throw unusable(dir, "cannot open its database: " + e.getMessage(), e);
        }
        LOG.info(() -> "MERCURE0804I history in " + dir + ": " + (keptAtStart > 0
                ? keptAtStart + " updates kept, the last " + lastId : "empty")
                + " (keeps " + keep + (maxAgeMillis > 0 ? ", at most " + settings.maxAge() + " old" : "") + ")");
        this.writerThread = new Thread(this::writeLoop, "mercure-history-writer");
        this.writerThread.setDaemon(true);
        writerThread.start();
    }

    /**
     * Opens (creating it if missing) the history in {@code dir} and starts its writer.
     *
     * @throws TransportException when the directory cannot be used: not writable, held by another running
     *                            hub, or a store in an unknown format (one line naming the directory)
     */
    public static FileTransport open(Path dir, TransportSettings settings) {
        return open(dir, settings, CHECKPOINT_PAGES);
    }

    /** With {@code checkpointPages} zero, the log is only checkpointed at close (tests of the log's recovery). */
    static FileTransport open(Path dir, TransportSettings settings, int checkpointPages) {
        return new FileTransport(Objects.requireNonNull(dir).toAbsolutePath().normalize(), Objects.requireNonNull(settings),
                checkpointPages);
    }

    /**
     * The directory a {@code file:} URL names: {@code file:DIR} (relative to the working directory, or
     * absolute) or {@code file:///absolute/dir}.
     *
     * @throws IllegalArgumentException when it names none
     */
    static Path directory(String url) {
        if (!url.regionMatches(true, 0, "file:", 0, 5) || url.length() == 5) {
            throw new IllegalArgumentException("expected file:DIR (a directory for the history), got '" + url + "'");
        }
        String rest = url.substring(5);
        try {
            if (rest.startsWith("//")) {
                return Path.of(URI.create(url));
            }
            return Path.of(rest);
        } catch (IllegalArgumentException e) { // InvalidPathException too
            throw new IllegalArgumentException("expected file:DIR (a directory for the history), got '" + url + "': " + e.getMessage(), e);
        }
    }

    /** @return the directory the history lives in */
    public Path directory() {
        return dir;
    }

    private static FileChannel lockChannel(Path dir) {
        try {
            return FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw unusable(dir, "cannot write in it: " + e, e);
        }
    }

    private static FileLock lock(FileChannel channel, Path dir) {
        FileLock l;
        try {
            l = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this JVM: another hub in the same process
        } catch (IOException e) {
            closeQuietly(channel);
            throw unusable(dir, "cannot lock it: " + e, e);
        }
        if (l == null) {
            String holder = "";
            try {
                holder = new String(Files.readAllBytes(dir.resolve(LOCK)), StandardCharsets.UTF_8).strip();
            } catch (IOException ignored) {
                // the holder's pid is only a help
            }
            closeQuietly(channel);
            throw new TransportException("MERCURE0802E the history directory " + dir + " is in use by another running hub"
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; give each hub its own directory");
        }
        try {
            // who holds it, for the message another hub prints; the lock, not this text, is what counts
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException ignored) {
            // as above
        }
        return l;
    }

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL in WAL mode: every commit fsyncs the log, so an answered publish is on disk
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return config.createConnection("jdbc:sqlite:" + database);
    }

    private void checkFormat(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            int app;
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
                rs.next();
                app = rs.getInt(1);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            boolean empty;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                rs.next();
                empty = rs.getInt(1) == 0;
            }
            if (empty && app == 0 && version == 0) {
                c.setAutoCommit(false);
                st.execute("CREATE TABLE updates (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, at INTEGER NOT NULL,"
                        + " topic TEXT NOT NULL, other_topics TEXT, data TEXT NOT NULL, type TEXT, retry INTEGER, private INTEGER NOT NULL)");
                st.execute("CREATE INDEX updates_id ON updates (id, pos)");
                st.execute("PRAGMA application_id=" + APPLICATION_ID);
                st.execute("PRAGMA user_version=" + FORMAT_VERSION);
                c.commit();
                c.setAutoCommit(true);
                return;
            }
            if (app != APPLICATION_ID) {
                throw new TransportException("MERCURE0808E " + database + " is not a mercure history (application id "
                        + app + "); point the transport at a directory of its own");
            }
            if (version != FORMAT_VERSION) {
                throw new TransportException("MERCURE0803E the history in " + dir + " has store format version " + version
                        + ", this hub reads version " + FORMAT_VERSION + (version > FORMAT_VERSION ? " (written by a newer hub?)" : "")
                        + "; use a hub of that version or another directory");
            }
        }
    }

    @Override
    public void start(Consumer<EncodedUpdate> listener) {
        synchronized (lock) {
            if (this.listener != null) {
                throw new IllegalStateException("already started");
            }
            this.listener = Objects.requireNonNull(listener);
        }
    }

    @Override
    public EncodedUpdate dispatch(EncodedUpdate update) {
        Pending p;
        synchronized (lock) {
            if (closed) {
                throw new TransportException("the hub is shutting down");
            }
            p = new Pending(update.at(nextPosition++), System.currentTimeMillis(), new CompletableFuture<>());
            group.add(p);
            if (group.size() == 1) {
                lock.notifyAll();
            }
        }
        if (Thread.currentThread() == writerThread) {
            // the hub reacting to a delivery (a subscription event as a stream closes) must not wait for the
            // writer it runs on: the update joins the next group
            return p.update();
        }
        try {
            return p.done().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException te ? te
                    : new TransportException("the history could not be written: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            // it may still be committed (and delivered) later: a publisher that retries with the same id
            // lets clients drop the duplicate
            throw new TransportException("the history in " + dir + " did not commit within " + COMMIT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while the update was being written");
        }
    }

    /** The writer: one transaction per group of publishes, then delivery in order. */
    private void writeLoop() {
        long lastAgeTrim = 0;
        while (true) {
            List<Pending> batch;
            synchronized (lock) {
                while (group.isEmpty() && !closed) {
                    try {
                        lock.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (group.isEmpty() && maxAgeMillis > 0 && System.currentTimeMillis() - lastAgeTrim >= 1000) {
                        break; // trim by age while idle too
                    }
                }
                if (group.isEmpty() && closed) {
                    return;
                }
                if (group.size() <= MAX_GROUP) {
                    batch = group;
                    group = new ArrayList<>();
                } else {
                    batch = new ArrayList<>(group.subList(0, MAX_GROUP));
                    group = new ArrayList<>(group.subList(MAX_GROUP, group.size()));
                }
            }
            try {
                commit(batch);
                if (maxAgeMillis > 0) {
                    lastAgeTrim = System.currentTimeMillis();
                }
            } catch (SQLException | RuntimeException | LinkageError e) {
                // a linkage error too (a class missing from a broken deployment): the writer must not die
                // with publishers waiting on it
                rollback();
                String error = "MERCURE0805E writing to the history in " + dir + " failed: " + e.getMessage();
                if (!error.equals(writeError)) {
                    LOG.log(Level.SEVERE, error, e);
                }
                writeError = error;
                TransportException failure = new TransportException(error, e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
                continue;
            }
            if (writeError != null) {
                LOG.info(() -> "MERCURE0806I writing to the history in " + dir + " works again");
                writeError = null;
            }
            Consumer<EncodedUpdate> l;
            synchronized (lock) {
                l = listener;
            }
            for (Pending p : batch) {
                if (l != null) {
                    try {
                        l.accept(p.update());
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "MERCURE0807E delivering an update failed", e);
                    }
                }
                p.done().complete(p.update());
            }
        }
    }

    private void commit(List<Pending> batch) throws SQLException {
        long now = System.currentTimeMillis();
        if (keep > 0) {
            for (Pending p : batch) {
                Update u = p.update().update();
                insert.setLong(1, p.update().position());
                insert.setString(2, u.id());
                insert.setLong(3, p.at());
                // the first topic as is, the others (rare) as a JSON array: parsing JSON for every row made
                // a replay of a million updates take 28 s
                List<String> topics = u.topics();
                insert.setString(4, topics.get(0));
                insert.setString(5, topics.size() == 1 ? null : Json.write(Map.of("t", topics.subList(1, topics.size()))));
                insert.setString(6, u.data());
                insert.setString(7, u.type());
                if (u.retry() != null) {
                    insert.setLong(8, u.retry());
                } else {
                    insert.setNull(8, java.sql.Types.INTEGER);
                }
                insert.setInt(9, u.isPrivate() ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long last = batch.isEmpty() ? nextCommitted() : batch.get(batch.size() - 1).update().position();
        int step = Math.min(batch.size(), keep) + TRIM_STEP;
        trimCount.setLong(1, last - keep);
        trimCount.setInt(2, step);
        trimCount.executeUpdate();
        if (maxAgeMillis > 0) {
            trimAge.setInt(1, TRIM_STEP);
            trimAge.setLong(2, now - maxAgeMillis);
            trimAge.executeUpdate();
        }
        writer.commit();
        if (!batch.isEmpty()) {
            lastId = keep > 0 ? batch.get(batch.size() - 1).update().id() : Dialect.EARLIEST;
        }
    }

    /** The position of the last update handed to the writer (an idle commit trims up to it). */
    private long nextCommitted() {
        synchronized (lock) {
            return nextPosition - 1;
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback failed", e);
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public History history(String lastEventId) {
        Connection c = readers.poll();
        boolean ok = false;
        try {
            if (c == null) {
                c = connect();
                c.setAutoCommit(false);
            }
            History h = read(c, lastEventId);
            ok = true;
            return h;
        } catch (SQLException e) {
            throw new TransportException("the history in " + dir + " could not be read: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                try {
                    c.rollback(); // ends the read transaction
                } catch (SQLException e) {
                    ok = false;
                }
                if (!ok || !readers.offer(c)) {
                    closeQuietly(c);
                }
            }
        }
    }

    /** One read transaction: the cursor and the updates after it come from the same snapshot. */
    private History read(Connection c, String lastEventId) throws SQLException {
        long cursor = -1;
        if (lastEventId != null && !Dialect.EARLIEST.equals(lastEventId)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(pos) FROM updates WHERE id = ?")) {
                ps.setString(1, lastEventId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long p = rs.getLong(1);
                    cursor = rs.wasNull() ? -1 : p;
                }
            }
        }
        List<EncodedUpdate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pos, id, topic, other_topics, data, type, retry, private FROM updates WHERE pos > ? ORDER BY pos")) {
            ps.setLong(1, cursor);
            ps.setFetchSize(1024);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        long lastPosition = !out.isEmpty() ? out.get(out.size() - 1).position() : cursor;
        return new History(cursor >= 0, out, lastPosition);
    }

    @SuppressWarnings("unchecked")
    private static EncodedUpdate row(ResultSet rs) throws SQLException {
        String others = rs.getString(4);
        List<String> topics;
        if (others == null) {
            topics = List.of(rs.getString(3));
        } else {
            topics = new ArrayList<>();
            topics.add(rs.getString(3));
            topics.addAll((List<String>) Json.parseObject(others).get("t"));
        }
        Update.Builder b = Update.builder()
                .id(rs.getString(2))
                .topics(topics)
                .data(rs.getString(5))
                .privateUpdate(rs.getInt(8) != 0);
        String type = rs.getString(6);
        if (type != null) {
            b.type(type);
        }
        long retry = rs.getLong(7);
        if (!rs.wasNull()) {
            b.retry(retry);
        }
        return EncodedUpdate.of(b.build()).at(rs.getLong(1));
    }

    @Override
    public String lastEventId() {
        return lastId;
    }

    /** Active subscriptions are connections of this process: kept in memory, like {@code local}. */
    @Override
    public void register(ActiveSubscription subscription) {
        synchronized (subscriptions) {
            subscriptions.put(subscription.id(), subscription);
        }
    }

    @Override
    public void unregister(ActiveSubscription subscription) {
        synchronized (subscriptions) {
            subscriptions.remove(subscription.id());
        }
    }

    @Override
    public SubscriptionSnapshot subscriptions() {
        synchronized (subscriptions) {
            return new SubscriptionSnapshot(lastId, new ArrayList<>(subscriptions.values()));
        }
    }

    @Override
    public TransportHealth health() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transport", "file:" + dir);
        String error = writeError;
        boolean closedNow = isClosed();
        if (closedNow) {
            data.put("error", "the transport is closed");
        } else if (error != null) {
            data.put("error", error);
        }
        boolean alive = writerThread.isAlive();
        return new TransportHealth(!closedNow && error == null && alive, !closedNow && alive, data);
    }

    /** Commits what was handed to the writer, then closes the database (checkpointed) and the lock. */
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
            writerThread.join(COMMIT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
        try {
            writer.setAutoCommit(true);
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "final checkpoint failed (the next start replays the log)", e);
        }
        closeQuietly(writer);
        releaseLock();
    }

    private void releaseLock() {
        try {
            fileLock.release();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "releasing the history lock failed", e);
        }
        closeQuietly(lockChannel);
    }

    /** One line naming the directory: the standalone hub prints it as its reason not to start. */
    private static TransportException unusable(Path dir, String reason, Throwable cause) {
        return new TransportException("MERCURE0801E the history directory " + dir + " cannot be used: " + reason, cause);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "close failed", e);
            }
        }
    }
}
