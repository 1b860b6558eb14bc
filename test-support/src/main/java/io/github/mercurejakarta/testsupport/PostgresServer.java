package io.github.mercurejakarta.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: a new cluster ({@code initdb}) in a temporary directory, started
 * with {@code pg_ctl} on a free port of 127.0.0.1, with a user {@code mercure} (password {@code mercure})
 * owning a database {@code mercure}. Where the tests run as root, the cluster belongs to the
 * {@code postgres} user (initdb refuses root). Tests that need PostgreSQL fail (never skip) when its
 * server is not installed: the message says how to install it.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     String url = pg.url();                 // postgresql://mercure:mercure@127.0.0.1:<port>/mercure
 *     pg.psql("SELECT count(*) FROM mercure_updates");
 *     pg.stop();  pg.start();                // an outage (immediate shutdown: like a crash), same port
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    public static final String USER = "mercure";
    public static final String PASSWORD = "mercure";
    public static final String DATABASE = "mercure";

    private final Path bin;
    private final Path dir;
    private final Path data;
    /** Chosen free, but another process may take it before the server binds: see {@link #start(boolean)}. */
    private volatile int port;
    private final boolean durable;
    private final boolean root;

    private PostgresServer(Path bin, Path dir, int port, boolean durable) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.durable = durable;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    /** A new cluster without fsync (fast; a stop with {@code -m immediate} still loses nothing committed). */
    public static PostgresServer start() {
        return start(false);
    }

    /**
     * A new cluster, started.
     *
     * @param durable with fsync on, as in production (for figures); off, commits reach the OS, not the disk
     */
    public static PostgresServer start(boolean durable) {
        Path bin = binaries();
        try {
            PostgresServer pg = new PostgresServer(bin, Files.createTempDirectory("postgres-test"), freePort(), durable);
            pg.init();
            for (int attempt = 1; ; attempt++) {
                try {
                    pg.startServer();
                    break;
                } catch (AssertionError e) {
                    // a free port is free only until someone binds it (an outgoing connection's local port, too)
                    if (attempt == 3 || !String.valueOf(e.getMessage()).contains("already in use")) {
                        throw e;
                    }
                    Files.deleteIfExists(pg.dir.resolve("server.log"));
                    pg.port = freePort();
                }
            }
            pg.psql("postgres", "CREATE DATABASE " + DATABASE);
            return pg;
        } catch (IOException e) {
            throw new AssertionError("cannot create a PostgreSQL cluster: " + e, e);
        }
    }

    /** @return {@code postgresql://mercure:mercure@127.0.0.1:<port>/mercure} */
    public String url() {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/mercure} (user and password: {@link #USER}, {@link #PASSWORD}) */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Stops the server at once ({@code pg_ctl stop -m immediate}: no checkpoint, like a crash); the data stays. */
    public synchronized void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        awaitPortFree();
    }

    /** Starts the stopped server again on the same port, with its data (it recovers from its WAL). */
    public synchronized void restart() {
        startServer();
    }

    /** Runs {@code sql} in the database {@code mercure} with psql and returns its unaligned, tuples-only output. */
    public String psql(String sql) {
        return psql(DATABASE, sql);
    }

    private String psql(String database, String sql) {
        return run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", USER, "-d", database, "-c", sql), false).strip();
    }

    @Override
    public synchronized void close() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
    }

    private void init() throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false, false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pw,
                "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), false);
    }

    private void startServer() {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                + " -c max_connections=300" + (durable ? "" : " -c fsync=off -c full_page_writes=off");
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "-o", options, "start"), false);
    }

    private String run(List<String> command, boolean mayFail) {
        return run(command, mayFail, root);
    }

    private String run(List<String> command, boolean mayFail, boolean asPostgres) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            // setpriv execs (no forked session like su or runuser): a kill reaches the program itself
            cmd.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        cmd.addAll(command);
        try {
            // in the cluster's directory: as the postgres user, PostgreSQL's programs warn on stdout when they
            // cannot enter the current one (a checkout under a 0700 directory), and psql's answer is read from it
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
            pb.environment().put("PGPASSWORD", PASSWORD);
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 && !mayFail) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text + log());
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The newest installed server's programs: Debian's /usr/lib/postgresql/N/bin, else those on the PATH. */
    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString()))).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException ignored) {
                // try the PATH
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "initdb")) && Files.isExecutable(Path.of(d, "psql"))) {
                return Path.of(d);
            }
        }
        throw new AssertionError("the PostgreSQL server is not installed (no initdb in /usr/lib/postgresql/*/bin nor on the "
                + "PATH). Tests of the PostgreSQL transport run a real one: install it with `apt-get install -y postgresql` "
                + "(Debian/Ubuntu) or `brew install postgresql` (macOS); .ci/run installs it when absent.");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void awaitPortFree() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException inUse) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
