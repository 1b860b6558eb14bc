package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The embedded hub on Open Liberty: unpacks the runtime zip liberty-it uses (once, into
 * {@code bench/target/liberty}), writes server {@code mercureBench} (restfulWS, CDI, mpConfig; HTTP on
 * 127.0.0.1 and the given port; the bench's JVM options) and drops in {@code bench.war}: the library and
 * its runtime jars, an empty {@code @ApplicationPath("/")} application and
 * {@code mercure.hub.allow.publish=true}.
 *
 * <pre>{@code
 * List<String> cmd = LibertyServer.prepare(settings, 19881, publisherSecret, subscriberSecret);
 * }</pre>
 */
final class LibertyServer {

    static final String VERSION = "26.0.0.3";
    static final String SERVER = "mercureBench";
    static final String CONTEXT_ROOT = "/bench";
    private static final List<String> WAR_LIBRARIES = List.of("mercure-jakarta-", "jose4j-", "slf4j-api-", "re2j-");

    private LibertyServer() {
    }

    static List<String> prepare(HubTarget.Settings settings, int port, String publisherSecret, String subscriberSecret)
            throws IOException {
        Path wlp = settings.work().resolve("liberty/wlp");
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            Path zip = Path.of(System.getProperty("user.home"), ".m2/repository/io/openliberty/openliberty-runtime",
                    VERSION, "openliberty-runtime-" + VERSION + ".zip");
            if (!Files.isRegularFile(zip)) {
                throw new IOException(zip + " is missing: build liberty-it once (mvn -f reactor.xml verify) or "
                        + "mvn dependency:get -Dartifact=io.openliberty:openliberty-runtime:" + VERSION + ":zip");
            }
            Files.createDirectories(wlp.getParent());
            run(List.of("unzip", "-q", "-o", zip.toString(), "-d", wlp.getParent().toString()));
        }
        Path server = wlp.resolve("usr/servers/" + SERVER);
        Files.createDirectories(server.resolve("dropins"));
        Files.writeString(server.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by the bench (LibertyServer): the embedded hub under load -->
                <server description="mercure-jakarta bench">
                  <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                  <applicationManager autoExpand="true"/>
                </server>
                """);
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\n");
        Files.writeString(server.resolve("jvm.options"), String.join("\n", settings.libertyJvmOptions()).replace(HubTarget.TARGET_PLACEHOLDER, "liberty") + "\n");
        Properties config = new Properties();
        config.setProperty("mercure.hub.allow.publish", "true");
        // R1 ramps to 19,800 streams, past the library's default limit of 10,000 (raised with the heap, as the
        // README's Open Liberty settings tell a user to); the per-address limit is off by default
        config.setProperty("mercure.hub.max.connections", "20000");
        config.setProperty("mercure.publisher.secret.key", publisherSecret);
        config.setProperty("mercure.subscriber.secret.key", subscriberSecret);
        writeWar(server.resolve("dropins/bench.war"), config, settings.repo());
        return List.of(wlp.resolve("bin/server").toString(), "run", SERVER, "--clean");
    }

    static void environment(ProcessBuilder pb, HubTarget.Settings settings) {
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("WLP_USER_DIR");
        pb.environment().remove("JVM_ARGS");
    }

    private static void writeWar(Path war, Properties config, Path repo) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            String app = "io/github/mercurejakarta/bench/war/BenchApplication.class";
            try (InputStream in = LibertyServer.class.getClassLoader().getResourceAsStream(app)) {
                put(zip, "WEB-INF/classes/" + app, in.readAllBytes());
            }
            put(zip, "WEB-INF/beans.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
                    </beans>
                    """.getBytes());
            var props = new java.io.ByteArrayOutputStream();
            config.store(props, "bench deployment");
            put(zip, "WEB-INF/classes/META-INF/microprofile-config.properties", props.toByteArray());
            List<String> found = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                String file = jar.getFileName().toString();
                if (file.endsWith(".jar") && WAR_LIBRARIES.stream().anyMatch(file::startsWith)) {
                    if (file.startsWith("mercure-jakarta-")) {
                        // this checkout's library, not whatever another checkout last installed in ~/.m2
                        jar = repo.resolve("target").resolve(file);
                        if (!Files.isRegularFile(jar)) {
                            throw new IOException(jar + " is missing: bench/run builds it (mvn -f reactor.xml package)");
                        }
                    }
                    put(zip, "WEB-INF/lib/" + file, Files.readAllBytes(jar));
                    found.add(file);
                }
            }
            if (found.size() != WAR_LIBRARIES.size()) {
                throw new IOException("the war needs " + WAR_LIBRARIES + " from the classpath, found " + found);
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

}
