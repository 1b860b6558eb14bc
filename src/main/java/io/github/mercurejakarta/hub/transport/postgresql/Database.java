package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.hub.transport.TransportException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the transport's connections come from, and the few it keeps.
 *
 * <p>Why no pool library: the transport's needs are fixed and small — one connection for the writer (its
 * group commit makes one enough), one that LISTENs, one for the heartbeat and trimming, and a handful for
 * history queries and listings. With a URL, this class opens them with pgjdbc and keeps up to
 * {@value #IDLE} idle ones for queries; a connection that failed is dropped, never handed out again. With
 * an application server's DataSource, the server's pool does that job: each query borrows a connection
 * and closes (returns) it, and only the writer and the listener hold theirs.
 */
final class Database {

    private static final Logger LOG = Logger.getLogger(PostgresTransport.class.getName());
    static final int IDLE = 4;

    private final PostgresLocation location;
    private final DataSource dataSource;
    private final org.postgresql.Driver driver;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE);

    Database(PostgresLocation location) {
        this.location = location;
        if (location.jndiName() != null) {
            this.dataSource = lookup(location.jndiName());
            this.driver = null;
        } else {
            this.dataSource = null;
            // the driver itself, not DriverManager: in an application server DriverManager sees only the
            // drivers of the class loader that registered them
            this.driver = new org.postgresql.Driver();
        }
    }

    private static DataSource lookup(String name) {
        try {
            Object o = new InitialContext().lookup(name);
            if (o instanceof DataSource ds) {
                return ds;
            }
            throw new IllegalArgumentException("the JNDI name " + name + " names a " + (o == null ? "null" : o.getClass().getName())
                    + ", not a DataSource");
        } catch (NamingException e) {
            // a name that names nothing is a configuration error, not an outage
            throw new IllegalArgumentException("no DataSource at the JNDI name " + name + " (" + e + "); define it in the "
                    + "server's configuration, or give the name the application sees (e.g. java:comp/env/jdbc/app)", e);
        }
    }

    PostgresLocation location() {
        return location;
    }

    /** A new connection, in auto-commit mode; the caller closes it. */
    Connection open() throws SQLException {
        Connection c;
        if (dataSource != null) {
            c = dataSource.getConnection();
        } else {
            c = driver.connect(location.jdbcUrl(), location.properties());
            if (c == null) {
                throw new SQLException("pgjdbc does not accept " + location.describe());
            }
        }
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        return c;
    }

    /** An idle connection or a new one, for one query; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        Connection c = idle.poll();
        return c != null ? c : open();
    }

    /** Keeps {@code c} for the next query when it worked, else closes it. */
    void release(Connection c, boolean worked) {
        if (c == null) {
            return;
        }
        if (worked && dataSource == null) {
            try {
                if (c.getAutoCommit() && idle.offer(c)) {
                    return;
                }
            } catch (SQLException e) {
                // closed below
            }
        }
        closeQuietly(c);
    }

    /** Runs {@code query} on a borrowed connection; once more on a new one when a kept connection had gone stale. */
    <T> T query(SqlFunction<T> query) {
        for (int attempt = 0; ; attempt++) {
            boolean hadIdle = !idle.isEmpty();
            Connection c = null;
            try {
                c = borrow();
                T out = query.apply(c);
                release(c, true);
                return out;
            } catch (SQLException e) {
                release(c, false);
                // a kept connection broken by a restart of the server: a fresh one may work at once
                if (attempt == 0 && hadIdle && connectionLost(e)) {
                    idle.forEach(Database::closeQuietly);
                    idle.clear();
                    continue;
                }
                throw new TransportException("PostgreSQL at " + location.describe() + " is unavailable: " + e.getMessage(), e);
            }
        }
    }

    /** Closes the idle connections. */
    void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }

    /** Whether {@code e} says the connection is gone (class 08, or the server shutting down), not that the SQL failed. */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "close failed", e);
            }
        }
    }

    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }
}
