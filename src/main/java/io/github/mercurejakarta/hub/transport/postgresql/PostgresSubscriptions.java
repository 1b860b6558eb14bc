package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.transport.SubscriptionRecords;
import io.github.mercurejakarta.hub.transport.Transport.Events;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The active subscriptions of the cluster as rows every node lists, and this node's maintenance thread:
 * the heartbeat that keeps its rows listed and claims those of crashed nodes, and the trimming of the
 * history. A node whose heartbeat stops (kill -9) is no longer listed once its expiry passes; the next
 * heartbeat of a live node deletes its rows in one statement ({@code DELETE ... RETURNING}: of nodes
 * beating at once, exactly one gets them) and reports them, so that its hub announces their end. Times
 * are the database's ({@code now()}), the same for every node whatever their clocks.
 */
final class PostgresSubscriptions {

    private static final Logger LOG = Logger.getLogger(PostgresTransport.class.getName());

    static final int NODE_TTL_SECONDS = 15;
    static final long BEAT_MILLIS = NODE_TTL_SECONDS * 1000L / 3;
    static final long TRIM_MILLIS = 1000;

    private final Database db;
    private final PostgresLocation location;
    private final int keep;
    private final String nodeId = UUID.randomUUID().toString();
    private final String nodes;
    private final String records;
    private final ScheduledExecutorService maintenance;
    /** This node's registered records, id -> JSON, to register again if another node claimed them. */
    private final Map<String, String> own = new ConcurrentHashMap<>();
    private volatile Events events = new Events() {
    };
    private volatile boolean closed;
    /** Whether this node has been in the nodes table (a beat or a registration went through). */
    private volatile boolean listed;

    PostgresSubscriptions(Database db, int keep) {
        this.db = db;
        this.location = db.location();
        this.keep = keep;
        this.nodes = location.table("nodes");
        this.records = location.table("subscriptions");
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mercure-postgresql-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the heartbeat (reporting to {@code events}) and the trimming. */
    void start(Events events, Runnable trim) {
        this.events = events;
        maintenance.scheduleWithFixedDelay(this::beat, 0, BEAT_MILLIS, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(() -> {
            try {
                trim.run();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "trimming the history failed (the reader reports an outage)", e);
            }
        }, TRIM_MILLIS, TRIM_MILLIS, TimeUnit.MILLISECONDS);
    }

    void register(ActiveSubscription s) {
        if (closed) {
            return;
        }
        String json = SubscriptionRecords.toJson(s);
        own.put(s.id(), json);
        put(s.id(), json);
    }

    private void put(String id, String json) {
        db.query(c -> {
            // the node's row with it: a record is listed from its registration on, not from the next beat
            try (PreparedStatement ps = c.prepareStatement("WITH n AS (INSERT INTO " + nodes + " VALUES (?, now() + ? * interval '1 second')"
                    + " ON CONFLICT (node) DO UPDATE SET expires = excluded.expires)"
                    + " INSERT INTO " + records + " (node, id, record) VALUES (?, ?, ?)"
                    + " ON CONFLICT (node, id) DO UPDATE SET record = excluded.record")) {
                ps.setString(1, nodeId);
                ps.setInt(2, NODE_TTL_SECONDS);
                ps.setString(3, nodeId);
                ps.setString(4, id);
                ps.setString(5, json);
                int n = ps.executeUpdate();
                listed = true;
                return n;
            }
        });
    }

    void unregister(ActiveSubscription s) {
        own.remove(s.id());
        if (closed) {
            return;
        }
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + records + " WHERE node = ? AND id = ?")) {
                ps.setString(1, nodeId);
                ps.setString(2, s.id());
                return ps.executeUpdate();
            }
        });
    }

    /** Every live node's records, in registration order, with the last update's id, from one snapshot. */
    SubscriptionSnapshot list() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.last_id, s.record FROM " + location.table("meta") + " m"
                    + " LEFT JOIN (" + records + " s JOIN " + nodes + " n ON n.node = s.node AND n.expires > now()) ON true"
                    + " ORDER BY s.seq");
                 ResultSet rs = ps.executeQuery()) {
                String last = null;
                List<ActiveSubscription> out = new ArrayList<>();
                while (rs.next()) {
                    last = rs.getString(1);
                    String r = rs.getString(2);
                    if (r != null) {
                        out.add(SubscriptionRecords.fromJson(r));
                    }
                }
                return new SubscriptionSnapshot(last == null || keep == 0 ? Dialect.EARLIEST : last, out);
            }
        });
    }

    /**
     * Renews this node's expiry and claims the records of nodes whose expiry has passed; reports them,
     * and this node's own records when another node had claimed them (this node was paused past its TTL).
     */
    void beat() {
        // a first beat that finds no row of this node is the start, not a lapse
        boolean wasListed = listed;
        boolean unlisted;
        List<ActiveSubscription> ended = new ArrayList<>();
        try {
            unlisted = db.query(c -> {
                c.setAutoCommit(false);
                try {
                    boolean inserted;
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + nodes + " VALUES (?, now() + ? * interval '1 second')"
                            + " ON CONFLICT (node) DO UPDATE SET expires = excluded.expires RETURNING (xmax = 0)")) {
                        ps.setString(1, nodeId);
                        ps.setInt(2, NODE_TTL_SECONDS);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            inserted = rs.getBoolean(1);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("WITH dead AS (DELETE FROM " + nodes + " WHERE expires < now()"
                            + " RETURNING node) DELETE FROM " + records + " WHERE node IN (SELECT node FROM dead) RETURNING record");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ended.add(SubscriptionRecords.fromJson(rs.getString(1)).withActive(false));
                        }
                    }
                    c.commit();
                    return inserted;
                } catch (SQLException e) {
                    c.rollback();
                    ended.clear();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat to PostgreSQL failed (the reader reports the outage)", e);
            return;
        }
        listed = true;
        if (!ended.isEmpty()) {
            LOG.log(Level.INFO, "MERCURE1013I {0} subscriptions of a hub node that stopped without unregistering them "
                    + "(no heartbeat for {1} s) have ended; announcing it", new Object[] {ended.size(), NODE_TTL_SECONDS});
            events.subscriptionsChanged(ended);
        }
        if (unlisted && wasListed && !own.isEmpty() && !closed) {
            Map<String, String> mine = new LinkedHashMap<>(own);
            LOG.log(Level.WARNING, "MERCURE1014W this node was no longer listed in PostgreSQL (its heartbeat lapsed for more "
                    + "than {0} s, and another node announced the end of its subscriptions): registering its {1} subscriptions "
                    + "again", new Object[] {NODE_TTL_SECONDS, mine.size()});
            List<ActiveSubscription> restored = new ArrayList<>();
            try {
                for (Map.Entry<String, String> r : mine.entrySet()) {
                    if (own.containsKey(r.getKey())) {
                        put(r.getKey(), r.getValue());
                        restored.add(SubscriptionRecords.fromJson(r.getValue()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "registering this node's subscriptions again failed (retried at the next beat)", e);
            }
            events.subscriptionsChanged(restored);
        }
    }

    /** Stops the maintenance thread; with {@code clean}, takes this node's records off the list at once. */
    void close(boolean clean) {
        closed = true;
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!clean) {
            return;
        }
        try {
            db.query(c -> {
                try (PreparedStatement a = c.prepareStatement("DELETE FROM " + records + " WHERE node = ?");
                     PreparedStatement b = c.prepareStatement("DELETE FROM " + nodes + " WHERE node = ?")) {
                    a.setString(1, nodeId);
                    a.executeUpdate();
                    b.setString(1, nodeId);
                    return b.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remove this node's subscriptions from PostgreSQL", e);
        }
    }
}
