package io.github.mercurejakarta.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process for tests, on a free port, without persistence
 * ({@code --save '' --appendonly no}). Tests that need Redis fail (never skip) when {@code redis-server}
 * is not installed: the message says how to install it.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     String url = redis.url();            // redis://127.0.0.1:<port>
 *     redis.stop();  redis.restart();      // an outage, same port
 *     redis.command("DBSIZE");             // "0"
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    /** Arguments after the port, bind address and directory: persistence, replication, or sentinel mode. */
    private final List<String> extra;
    private Process process;

    private RedisServer(int port, Path dir) {
        this(port, dir, List.of("--save", "", "--appendonly", "no"));
    }

    private RedisServer(int port, Path dir, List<String> extra) {
        this.port = port;
        this.dir = dir;
        this.extra = extra;
    }

    /** Starts a redis-server on a free port that replicates {@code primary} ({@code replicaof}), without persistence. */
    public static RedisServer startReplicaOf(RedisServer primary) {
        return startWith(List.of("--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
    }

    /**
     * Starts a Redis Sentinel (the redis-server program in sentinel mode: what Debian's redis-sentinel
     * package runs) on a free port, watching {@code primary} as {@code masterName} with quorum 1,
     * declaring it down after {@code downAfterMillis}.
     */
    public static RedisServer startSentinel(RedisServer primary, String masterName, long downAfterMillis) {
        try {
            Path dir = Files.createTempDirectory("redis-sentinel-test");
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, String.join("\n",
                    "sentinel monitor " + masterName + " 127.0.0.1 " + primary.port() + " 1",
                    "sentinel down-after-milliseconds " + masterName + " " + downAfterMillis,
                    "sentinel failover-timeout " + masterName + " 10000",
                    "sentinel parallel-syncs " + masterName + " 1", ""));
            // the configuration file first: sentinel mode rewrites it as it learns the topology
            RedisServer r = new RedisServer(freePort(), dir, List.of("--sentinel"));
            r.launch(conf.toString());
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server --sentinel: " + e, e);
        }
    }

    private static RedisServer startWith(List<String> extra) {
        try {
            RedisServer r = new RedisServer(freePort(), Files.createTempDirectory("redis-test"), extra);
            r.launch();
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server: " + e, e);
        }
    }

    /** Starts a redis-server on a free port and waits until it answers PING. */
    public static RedisServer start() {
        try {
            RedisServer r = new RedisServer(freePort(), Files.createTempDirectory("redis-test"));
            r.launch();
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server: " + e, e);
        }
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server at once (SIGKILL): an outage or a crash. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        awaitPortFree();
    }

    /** Starts the server again on the same port (empty: nothing is persisted). */
    public synchronized void restart() {
        stop();
        launch();
    }

    /**
     * Sends one command and returns the reply as text (integers and simple strings as they are, bulk
     * strings decoded, arrays as their elements joined by newlines, null as null).
     */
    public String command(String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("redis " + String.join(" ", args) + " failed: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private synchronized void launch() {
        launch(null);
    }

    private synchronized void launch(String configFile) {
        List<String> cmd = new ArrayList<>(List.of("redis-server"));
        if (configFile != null) {
            cmd.add(configFile);
        }
        cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
        cmd.addAll(extra);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server is not installed (" + e.getMessage() + "). Tests of the Redis "
                    + "transport run a real one: install it with `apt-get install -y redis-server` (Debian/Ubuntu) "
                    + "or `brew install redis` (macOS); .ci/run installs it when absent.", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("redis-server on port " + port + " did not start: " + log());
            }
            pause();
        }
    }

    private void awaitPortFree() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException inUse) {
                pause();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':':
                return rest;
            case '-':
                throw new IOException("error reply: " + rest);
            case '$': {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(rest);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(reply(in));
                }
                return String.join("\n", items);
            }
            default:
                throw new IOException("unexpected reply " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read(); // \n
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
