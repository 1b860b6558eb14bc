package io.github.mercurejakarta.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded {@code mercure.jar} run as a separate process, as a user runs it: {@code java -jar
 * mercure.jar hub ...}. Its stdout and stderr are captured line by line, so that failures can show what
 * the hub printed ({@link #output()}).
 *
 * <p>The environment is the test JVM's minus every {@code MERCURE_*} variable (a developer's shell must
 * not change the outcome), plus {@code MERCURE_HUB_FRONT_END} (the front end of this test run, see
 * {@link #frontEnd()}), plus what the test passes.
 */
final class HubProcess implements AutoCloseable {

    /** How long a hub may take to print its banner; start-up itself must take well under 10 s. */
    static final Duration BANNER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern HUB_URL = Pattern.compile("^Hub URL: (\\S+)$");
    private static final Pattern DRAFT07_TOKEN = Pattern.compile("^Publisher JWT \\(draft-07.*\\): (\\S+)$");
    private static final Pattern DRAFT08_TOKEN = Pattern.compile("^Publisher JWT \\(draft-08.*\\): (\\S+)$");
    private static final String READY = "Ready in ";
    static final String FRONT_END_PROPERTY = "mercure.it.front.end";
    static final String NETTY_IO_PROPERTY = "mercure.it.netty.io";

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final long launchedNanos;

    private HubProcess(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command);
        // nor may a developer's OTEL_* turn tracing on in tests that do not ask for it
        builder.environment().keySet().removeIf(k -> k.startsWith("MERCURE_") || k.startsWith("OTEL_"));
        builder.environment().put("MERCURE_HUB_FRONT_END", frontEnd());
        builder.environment().putAll(env);
        launchedNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        }
        try {
            process.getOutputStream().close(); // the hub reads no input
        } catch (IOException ignored) {
            // nothing to close
        }
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
    }

    /**
     * @return how the Netty front end's hubs of this test run do I/O: system property {@value #NETTY_IO_PROPERTY},
     * {@code epoll} (the default where the hub's jar ships Netty's native library: Linux on x86_64 and aarch64)
     * or {@code nio} (the hub is started with {@code -Dio.netty.transport.noNative=true}); the hub's banner
     * must say the same
     */
    static String nettyIo() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        boolean epollShipped = os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
        return System.getProperty(NETTY_IO_PROPERTY, epollShipped ? "epoll" : "nio");
    }

    /**
     * @return the front end the hubs of this test run use: system property {@value #FRONT_END_PROPERTY}
     * (failsafe runs every IT once with {@code netty}, once with {@code jaxrs}), default {@code netty}
     */
    static String frontEnd() {
        return System.getProperty(FRONT_END_PROPERTY, "netty");
    }

    /** Starts {@code mercure <args>} without waiting for anything. */
    static HubProcess launch(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (nettyIo().equals("nio")) {
            command.add("-Dio.netty.transport.noNative=true"); // Netty's own switch: no epoll, the JDK's NIO
        }
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return new HubProcess(command, env);
    }

    /**
     * Starts {@code mercure hub --port 0 <args>} (any free port; the banner says which) and waits for its
     * banner.
     */
    static HubProcess startHub(List<String> args, Map<String, String> env) {
        List<String> all = new ArrayList<>(List.of("hub", "--port", "0"));
        all.addAll(args);
        return started(launch(all, env), env);
    }

    /**
     * Starts {@code bin/mercure hub --port 0 <args>} as a user types it, so with the JVM settings the launcher
     * chooses (the jar under test through {@code MERCURE_JAR}, not a build), and waits for its banner.
     */
    static HubProcess startHubWithLauncher(List<String> args, Map<String, String> env) {
        Path launcher = Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("mercure");
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError(launcher + " is not there: the server module's tests run in server/");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "hub", "--port", "0"));
        command.addAll(args);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("MERCURE_JAR", jar().toAbsolutePath().toString());
        return started(new HubProcess(command, all), env);
    }

    private static HubProcess started(HubProcess hub, Map<String, String> env) {
        try {
            hub.awaitBanner(BANNER_TIMEOUT);
        } catch (AssertionError | RuntimeException e) {
            hub.close(); // a hub too slow to print its banner must not outlive the test (seen on a loaded machine)
            throw e;
        }
        String expected = env.getOrDefault("MERCURE_HUB_FRONT_END", frontEnd());
        String banner = "(" + expected + " front end" + (expected.equals("netty") ? ", " + nettyIo() + ")" : "");
        if (hub.stdoutLines().stream().noneMatch(l -> l.contains(banner))) {
            hub.close();
            throw new AssertionError("the hub does not run as \"" + banner + "\" says; " + hub.output());
        }
        return hub;
    }

    /** The running program's arguments (after {@code bin/mercure}'s exec: the JVM's), as the OS reports them. */
    List<String> arguments() {
        return List.of(process.info().arguments().orElseThrow(() -> new AssertionError("the OS does not tell the arguments")));
    }

    /** Runs {@code mercure <args>} to completion (a command that exits by itself). */
    static HubProcess runToExit(List<String> args, Map<String, String> env, Duration timeout) {
        HubProcess p = launch(args, env);
        if (!p.awaitExit(timeout)) {
            p.close();
            throw new AssertionError("mercure " + args + " did not exit within " + timeout + "; " + p.output());
        }
        return p;
    }

    /** The jar under test: set by failsafe (see server/pom.xml), else the module's target/mercure.jar. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("mercure.jar", "target/mercure.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar.toAbsolutePath() + " does not exist: build it with `mvn -f server package`");
        }
        return jar;
    }

    private static void pump(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " read failed: " + e + ">");
            }
        }, "hub-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the line that ends the banner; fails with the output if the hub exits or is too slow. */
    void awaitBanner(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stdout.stream().noneMatch(l -> l.startsWith(READY))) {
            if (!process.isAlive()) {
                sleep(100); // let the pumps drain
                throw new AssertionError("the hub exited with " + process.exitValue() + " before its banner; " + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no banner within " + timeout + "; " + output());
            }
            sleep(20);
        }
    }

    /** @return the hub URL printed in the banner. */
    URI hubUrl() {
        return URI.create(banner(HUB_URL));
    }

    /** @return the hub URL with {@code query} appended, e.g. {@code topic=...}. */
    URI hubUrl(String query) {
        return URI.create(hubUrl() + "?" + query);
    }

    String draft07Token() {
        return banner(DRAFT07_TOKEN);
    }

    String draft08Token() {
        return banner(DRAFT08_TOKEN);
    }

    /** @return the first banner line matching {@code pattern}, its first group. */
    private String banner(Pattern pattern) {
        for (String line : stdout) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the banner has no line matching " + pattern + "; " + output());
    }

    /** Waits for a stdout line matching {@code expected} and returns it; fails with the output if none comes. */
    String awaitStdout(java.util.function.Predicate<String> expected, Duration timeout) {
        return awaitLine(stdout, expected, timeout, "stdout");
    }

    /** Waits until the stdout lines so far satisfy {@code condition}; fails with the output if they never do. */
    void awaitStdoutLines(java.util.function.Predicate<List<String>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(stdout))) {
            if (System.nanoTime() > deadline || !process.isAlive() && !condition.test(List.copyOf(stdout))) {
                sleep(100); // let the pumps drain
                if (condition.test(List.copyOf(stdout))) {
                    return;
                }
                throw new AssertionError("stdout never showed what was expected within " + timeout + "; " + output());
            }
            sleep(20);
        }
    }

    /** Waits for a stderr line matching {@code expected} and returns it; fails with the output if none comes. */
    String awaitStderr(java.util.function.Predicate<String> expected, Duration timeout) {
        return awaitLine(stderr, expected, timeout, "stderr");
    }

    private String awaitLine(List<String> lines, java.util.function.Predicate<String> expected, Duration timeout, String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (expected.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                sleep(100); // let the pumps drain
                for (String line : lines) {
                    if (expected.test(line)) {
                        return line;
                    }
                }
                throw new AssertionError("the process exited with " + process.exitValue() + " without the expected "
                        + name + " line; " + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no expected " + name + " line within " + timeout + "; " + output());
            }
            sleep(20);
        }
    }

    List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    List<String> stderrLines() {
        return List.copyOf(stderr);
    }

    /** @return nanoseconds since the process was launched. */
    long nanosSinceLaunch() {
        return System.nanoTime() - launchedNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux and macOS). */
    void terminate() {
        process.destroy();
    }

    /** Stops the process where it is (SIGSTOP), as a long pause would: it reads and writes nothing until resumed. */
    void suspend() {
        signal("STOP");
    }

    /** Lets a suspended process go on (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kill: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills the process at once (SIGKILL, {@code kill -9}): a crashed node. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                sleep(50); // the pumps read the last lines
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    /** @return everything the process printed so far, for failure messages. */
    String output() {
        return "process output:\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n"
                + String.join("\n", stderr) + "\n---";
    }

    /** Stops the process: SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(5))) {
                process.destroyForcibly();
                awaitExit(Duration.ofSeconds(5));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
