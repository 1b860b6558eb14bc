package io.github.mercurejakarta.portable.helidon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;

/**
 * Runs the portable war on Helidon MP 4, which deploys no wars: a Helidon MP application is its classes and jars on
 * one classpath, started by {@code io.helidon.microprofile.cdi.Main} (Weld discovers the bean archives, Helidon's
 * JAX-RS extension the application and resources). So deploying unpacks {@code WEB-INF/classes} and
 * {@code WEB-INF/lib} of the same war every other server gets, moves {@code WEB-INF/beans.xml} to
 * {@code META-INF/beans.xml} (where a bean archive outside a war keeps it), and starts a Helidon process on them;
 * undeploying stops it. {@code web.xml} has no meaning there (no Servlet container). The application is served at
 * the root, not under {@code /portable}.
 *
 * <p>One process per test class, as the Payara Micro adapter does: it starts in a few seconds.
 */
public class HelidonContainer implements DeployableContainer<HelidonConfiguration> {

    private HelidonConfiguration config;
    private Process process;
    private Path work;
    private Path log;
    private Thread orphanGuard;

    @Override
    public Class<HelidonConfiguration> getConfigurationClass() {
        return HelidonConfiguration.class;
    }

    @Override
    public void setup(HelidonConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // the portable tests run as a client; nothing is executed inside Helidon
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        try {
            work = Files.createTempDirectory(Path.of("target"), "helidon-");
            Path classes = Files.createDirectories(work.resolve("classes"));
            Path lib = Files.createDirectories(work.resolve("lib"));
            for (Map.Entry<ArchivePath, Node> e : archive.getContent().entrySet()) {
                if (e.getValue().getAsset() == null) {
                    continue;
                }
                String path = e.getKey().get();
                Path target;
                if (path.startsWith("/WEB-INF/classes/")) {
                    target = classes.resolve(path.substring("/WEB-INF/classes/".length()));
                } else if (path.startsWith("/WEB-INF/lib/")) {
                    target = lib.resolve(path.substring("/WEB-INF/lib/".length()));
                } else if (path.equals("/WEB-INF/beans.xml")) {
                    target = classes.resolve("META-INF/beans.xml");
                } else {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = e.getValue().getAsset().openStream()) {
                    Files.copy(in, target);
                }
            }
            String classpath = String.join(java.io.File.pathSeparator, classes.toString(),
                    lib.resolve("*").toString(), Path.of(config.getHelidonLib()).resolve("*").toString());
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(Arrays.asList(config.getJavaVmArguments().trim().split("\\s+")));
            command.addAll(List.of("-Dserver.host=127.0.0.1", "-Dserver.port=" + config.getHttpPort(),
                    "-cp", classpath, "io.helidon.microprofile.cdi.Main"));
            log = work.resolve("helidon.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // a test JVM that dies (or is killed) must not leave Helidon holding the port for the next build
            Process started = process;
            orphanGuard = new Thread(started::destroyForcibly, "helidon-orphan-guard");
            Runtime.getRuntime().addShutdownHook(orphanGuard);
            awaitPort();
        } catch (IOException e) {
            throw new DeploymentException("could not start Helidon for " + archive.getName(), e);
        }
        HTTPContext http = new HTTPContext("127.0.0.1", config.getHttpPort());
        http.add(new Servlet("portable", ""));
        return new ProtocolMetaData().addContext(http);
    }

    /** Helidon opens its port once CDI has booted and JAX-RS is routed: the application is up then. */
    private void awaitPort() throws DeploymentException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.getStartupTimeoutInSeconds());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DeploymentException("Helidon exited with " + process.exitValue() + ":\n" + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", config.getHttpPort()), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        process.destroyForcibly();
        throw new DeploymentException("Helidon did not open port " + config.getHttpPort() + " within "
                + config.getStartupTimeoutInSeconds() + " s:\n" + tail());
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Helidon's shutdown hook stops the server and CDI (the hub's @PreDestroy)
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Runtime.getRuntime().removeShutdownHook(orphanGuard);
        // the copied classes and jars go, the log stays for a look after a failure
        deleteTree(work.resolve("classes"));
        deleteTree(work.resolve("lib"));
        System.out.println("Helidon log of " + archive.getName() + ": " + log.toAbsolutePath());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The configured {@code java}; else this JVM when it is Java 21 or later; else the newest JDK 21+ installed beside
     * it (e.g. {@code /usr/lib/jvm/*}), read from each JDK's {@code release} file.
     */
    private String java() throws DeploymentException {
        // failsafe passes no empty system property, so an unset one reaches here as the literal ${...}
        if (!config.getJava().isBlank() && !config.getJava().startsWith("${")) {
            return config.getJava();
        }
        Path home = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= 21) {
            return home.resolve("bin/java").toString();
        }
        try (Stream<Path> jdks = Files.list(home.toRealPath().getParent())) {
            Optional<Path> newest = jdks.filter(j -> Files.isExecutable(j.resolve("bin/java")))
                    .filter(j -> feature(j) >= 21)
                    .max(Comparator.comparingInt(HelidonContainer::feature));
            if (newest.isPresent()) {
                return newest.get().resolve("bin/java").toString();
            }
        } catch (IOException | UncheckedIOException e) {
            // fall through to the message below
        }
        throw new DeploymentException("Helidon 4 needs Java 21 or later and this is Java " + Runtime.version().feature()
                + ": set -Dportability.helidon.java=/path/to/bin/java");
    }

    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + root + ": " + e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
