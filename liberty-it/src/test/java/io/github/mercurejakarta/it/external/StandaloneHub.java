package io.github.mercurejakarta.it.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The project's standalone hub ({@code server/target/mercure.jar hub}) as a separate process on a free
 * port: the external hub of the ITs, as a user would run it next to their application server.
 *
 * <pre>{@code
 * try (StandaloneHub hub = StandaloneHub.start("--publisher-secret", K1, "--subscriber-secret", K2)) {
 *     hub.url();   // http://127.0.0.1:<port>/.well-known/mercure
 * }
 * }</pre>
 */
public final class StandaloneHub implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private StandaloneHub(int port, Map<String, String> environment, List<String> options) {
        this.port = port;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "hub", "--host", "127.0.0.1", "--port", String.valueOf(port)));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // nor may a developer's OTEL_* turn tracing on in tests that do not ask for it
        builder.environment().keySet().removeIf(k -> k.startsWith("MERCURE_") || k.startsWith("OTEL_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        }
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Ready in ")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                output.add("<read failed: " + e + ">");
            }
        }, "standalone-hub-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts the hub on a free loopback port and waits for its banner. */
    public static StandaloneHub start(String... options) {
        return start(Map.of(), options);
    }

    /** Starts the hub with these environment variables besides the test JVM's (e.g. {@code OTEL_*}). */
    public static StandaloneHub start(Map<String, String> environment, String... options) {
        StandaloneHub hub = new StandaloneHub(freePort(), environment, List.of(options));
        try {
            if (!hub.ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                hub.close();
                throw new AssertionError("the standalone hub printed no banner within " + START_TIMEOUT + ": " + hub.output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.close();
            throw new AssertionError("interrupted", e);
        }
        return hub;
    }

    /** @return a loopback port nothing listens on (just released by the OS). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port", e);
        }
    }

    /** @return the hub URL the application is configured with */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
    }

    /** @return what the hub printed so far */
    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The jar under test: failsafe sets mercure.jar (liberty-it/pom.xml), else the reactor's server/target. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("mercure.jar", "../server/target/mercure.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar.toAbsolutePath() + " does not exist: build it with `mvn -f reactor.xml package -DskipTests`");
        }
        return jar;
    }
}
