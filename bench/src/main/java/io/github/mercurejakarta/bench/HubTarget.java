package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, running as its own process: the floor, the standalone hub or Open Liberty with the
 * embedded hub. Started, made ready (a publish answered 2xx) and stopped by the bench.
 *
 * <pre>{@code
 * try (HubTarget hub = HubTarget.standalone(settings)) {
 *     hub.start();
 *     ProcessStats stats = hub.stats();
 * }
 * }</pre>
 */
abstract class HubTarget implements AutoCloseable {

    static final String PUBLISHER_SECRET = "bench-publisher-secret-0123456789abcdef";
    static final String SUBSCRIBER_SECRET = "bench-subscriber-secret-0123456789abcdef";
    static final String PATH = "/.well-known/mercure";
    /** In a JVM option, replaced by the target's name (JDK 17's JFR has no %p in file names). */
    static final String TARGET_PLACEHOLDER = "{target}";

    final String name;
    final Settings settings;
    /** Environment variables of the process on top of the bench's (e.g. MERCURE_* settings of the standalone hub). */
    final Map<String, String> environment = new LinkedHashMap<>();
    Process process;
    ProcessStats stats;
    int port;

    HubTarget(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    /**
     * Where the bench finds things and how it starts JVMs.
     *
     * @param jvmOptions        the JVM options of the floor and standalone targets ({@code --hub-jvm})
     * @param libertyJvmOptions the Liberty target's {@code jvm.options} ({@code --liberty-jvm})
     */
    record Settings(Path repo, Path work, List<String> jvmOptions, List<String> libertyJvmOptions, int libertyPort) {
    }

    static HubTarget of(String name, Settings settings) {
        return switch (name) {
            case "floor" -> new Floor(settings);
            case "node-floor" -> new NodeFloor(settings);
            case "standalone" -> new Standalone("standalone", settings, "netty");
            // what users run: java -jar mercure.jar hub with none of the bench's JVM options (heap, GC, NMT), so the
            // heap, the GC and Netty's allocator are the JVM's and the hub's own defaults
            case "standalone-defaults" -> new Standalone("standalone-defaults", settings, "netty", false, true);
            case "standalone-jaxrs" -> new Standalone("standalone-jaxrs", settings, "jaxrs");
            // the standalone hub with its history on disk: every publish is answered after its fsync
            case "standalone-file" -> new Standalone("standalone-file", settings, "netty", true);
            case "liberty" -> new Liberty(settings);
            default -> throw new IllegalArgumentException("unknown target " + name + " (node-floor, floor, standalone, standalone-defaults, standalone-jaxrs, standalone-file, liberty)");
        };
    }

    /** False for a target that is no JVM (jcmd cannot attach: no retained-memory figure). */
    boolean jvm() {
        return true;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    String path() {
        return PATH;
    }

    ProcessStats stats() {
        return stats;
    }

    /** The command line of the process, its working directory prepared. */
    abstract List<String> command() throws IOException;

    /** The bench's JVM options for this target. */
    List<String> jvmOptions() {
        List<String> options = "liberty".equals(name) ? settings.libertyJvmOptions() : settings.jvmOptions();
        return options.stream().map(o -> o.replace(TARGET_PLACEHOLDER, name)).toList();
    }

    Path log() {
        return settings.work().resolve("logs").resolve(name + ".log");
    }

    void start() throws IOException, InterruptedException {
        List<String> cmd = command();
        Files.createDirectories(log().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log().toFile());
        pb.environment().putAll(environment);
        prepare(pb);
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startTimeoutSeconds());
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " at start; see " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " not ready after " + startTimeoutSeconds() + " s; see " + log());
            }
            Thread.sleep(200); // polling a process we do not control: no event to wait for
        }
        stats = new ProcessStats(javaPid(process.toHandle()));
    }

    void prepare(ProcessBuilder pb) throws IOException {
    }

    int startTimeoutSeconds() {
        return 60;
    }

    /** The JVM: the process itself, or its java descendant when a script started it without exec. */
    private static long javaPid(ProcessHandle p) {
        if (p.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
            return p.pid();
        }
        Optional<ProcessHandle> java = p.descendants()
                .filter(d -> d.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
        return java.map(ProcessHandle::pid).orElse(p.pid());
    }

    /** Ready when a publish to a topic nobody subscribes to is answered 2xx. */
    private boolean ready() {
        try (Socket s = new Socket()) {
            s.connect(address(), 1000);
            s.setSoTimeout(5000);
            String body = "topic=" + java.net.URLEncoder.encode("https://bench.example/ready", StandardCharsets.UTF_8) + "&data=ready";
            String req = "POST " + path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + PublisherToken.mint(PUBLISHER_SECRET) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            byte[] status = s.getInputStream().readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 2");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The raw NIO fan-out floor ({@link FloorServer}). */
    static final class Floor extends HubTarget {
        Floor(Settings s) {
            super("floor", s);
        }

        @Override
        List<String> command() throws IOException {
            port = freePort();
            List<String> cmd = new ArrayList<>(List.of(java()));
            cmd.addAll(jvmOptions());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FloorServer.class.getName(),
                    "127.0.0.1", Integer.toString(port), "2"));
            return cmd;
        }
    }

    /**
     * The Node.js floor: {@code node bench/node/floor.js HOST PORT}, a plain {@code node:http} fan-out speaking
     * what {@link FloorServer} speaks (no JVM options: it is not a JVM).
     */
    static final class NodeFloor extends HubTarget {
        NodeFloor(Settings s) {
            super("node-floor", s);
        }

        @Override
        boolean jvm() {
            return false;
        }

        @Override
        List<String> command() throws IOException {
            Path script = settings.repo().resolve("bench/node/floor.js");
            if (!Files.isRegularFile(script)) {
                throw new IOException(script + " is missing");
            }
            port = freePort();
            return List.of(System.getenv().getOrDefault("BENCH_NODE", "node"), script.toString(), "127.0.0.1",
                    Integer.toString(port));
        }
    }

    /**
     * {@code server/target/mercure.jar hub --front-end netty|jaxrs} ({@code standalone} / {@code standalone-jaxrs});
     * {@code standalone-file} adds {@code --transport file:bench/target/file-history-<time>} (a new directory each run).
     */
    static final class Standalone extends HubTarget {
        private final String frontEnd;
        private final boolean fileHistory;
        private final boolean jvmDefaults;

        Standalone(String name, Settings s, String frontEnd) {
            this(name, s, frontEnd, false);
        }

        Standalone(String name, Settings s, String frontEnd, boolean fileHistory) {
            this(name, s, frontEnd, fileHistory, false);
        }

        Standalone(String name, Settings s, String frontEnd, boolean fileHistory, boolean jvmDefaults) {
            super(name, s);
            this.frontEnd = frontEnd;
            this.fileHistory = fileHistory;
            this.jvmDefaults = jvmDefaults;
            // R1 opens 19,800 streams, past the default total of 10,000 (the per-address limit is off by default,
            // so the load process's one address needs nothing)
            environment.put("MERCURE_HUB_MAX_CONNECTIONS", "0");
        }

        /** With the JVM's defaults: only a JFR recording (--jfr), which changes no memory setting. */
        @Override
        List<String> jvmOptions() {
            List<String> all = super.jvmOptions();
            return jvmDefaults ? all.stream().filter(o -> o.startsWith("-XX:StartFlightRecording")).toList() : all;
        }

        @Override
        List<String> command() throws IOException {
            Path jar = settings.repo().resolve("server/target/mercure.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build it (bench/run does, through the reactor)");
            }
            port = freePort();
            List<String> cmd = new ArrayList<>(List.of(java()));
            cmd.addAll(jvmOptions());
            cmd.addAll(List.of("-jar", jar.toString(), "hub", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--publisher-secret", PUBLISHER_SECRET, "--subscriber-secret", SUBSCRIBER_SECRET,
                    "--front-end", frontEnd));
            if (fileHistory) {
                cmd.addAll(List.of("--transport", "file:" + settings.work().resolve("file-history-" + System.currentTimeMillis()).toAbsolutePath()));
            }
            return cmd;
        }
    }

    /** Open Liberty from the runtime zip liberty-it uses, with the library in a war ({@link LibertyServer}). */
    static final class Liberty extends HubTarget {
        Liberty(Settings s) {
            super("liberty", s);
        }

        @Override
        List<String> command() throws IOException {
            port = settings.libertyPort();
            return LibertyServer.prepare(settings, port, PUBLISHER_SECRET, SUBSCRIBER_SECRET);
        }

        @Override
        void prepare(ProcessBuilder pb) {
            LibertyServer.environment(pb, settings);
        }

        @Override
        String path() {
            return LibertyServer.CONTEXT_ROOT + PATH;
        }

        @Override
        int startTimeoutSeconds() {
            return 180;
        }
    }
}
