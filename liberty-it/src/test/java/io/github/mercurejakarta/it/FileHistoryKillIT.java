package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded hub on Open Liberty with {@code mercure.hub.transport=file:${server.output.dir}/mercure-history}
 * (a {@code <variable>} of {@code server.xml}, as the README tells): the server process is killed with
 * {@code kill -9} while publishes are in flight, started again, and every acknowledged update is replayed
 * exactly once after the first one's id. Its own Liberty server of the test installation (not
 * Arquillian's: this one is killed), with a free HTTP port.
 */
class FileHistoryKillIT {

    private static final String KEY = "publisher-and-subscriber-key-of-the-file-history-IT";
    private static final String SERVER = System.getProperty("liberty.it.server", "mercureIT") + "File";
    private static final String TOPIC = "https://example.com/durable";
    private static final int TOTAL = 2000;
    private static final int IN_FLIGHT = 8;
    private static final String TOKEN = new TokenFactory().draft07(SigningKey.hmac(KEY), List.of("*"), List.of(), null, null);
    private static Path wlp;
    private static Path server;
    private static int port;

    @BeforeAll
    static void createServer() throws Exception {
        wlp = Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp"));
        server = wlp.resolve("usr/servers").resolve(SERVER);
        if (Files.isDirectory(server)) {
            run("stop"); // a server left over by an interrupted run
            deleteTree(server);
        }
        run("create");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(server.resolve("server.xml"), """
                <server description="embedded hub with a file history, killed by FileHistoryKillIT">
                  <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                  <applicationManager autoExpand="true"/>
                  <variable name="mercure.hub.transport" value="file:${server.output.dir}/mercure-history"/>
                  <variable name="mercure.hub.reconciliation.length" value="10000"/>
                </server>
                """.formatted(port));
        WebArchive war = Deployments.war("durable")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.secret.key", KEY)
                .jarsOf(org.sqlite.SQLiteConfig.class) // sqlite-jdbc: the file transport's optional dependency
                .build();
        Path dropins = server.resolve("dropins");
        Files.createDirectories(dropins);
        war.as(ZipExporter.class).exportTo(dropins.resolve("durable.war").toFile(), true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        run("stop");
    }

    private static void run(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, SERVER).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || (p.exitValue() != 0 && !"stop".equals(action))) {
            throw new AssertionError("server " + action + " " + SERVER + " failed: " + out);
        }
    }

    private static void start() throws Exception {
        run("start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                // a POST without a token: 401 once the hub answers, 404 before (a GET would stream forever)
                if (HttpCalls.post(hub(), HttpCalls.FORM_CONTENT_TYPE, "topic=x").statusCode() == 401) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not serve the hub within 120 s; see " + server.resolve("logs/messages.log"));
            }
            Thread.sleep(200);
        }
    }

    /** kill -9 of the server's JVM (its pid from Liberty's pid file). */
    private static void kill() {
        try {
            long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + SERVER + ".pid")).strip());
            ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
            h.destroyForcibly();
            h.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot kill the server: " + e, e);
        }
    }

    private static URI hub() {
        return URI.create("http://127.0.0.1:" + port + "/durable/.well-known/mercure");
    }

    private static boolean publish(String id) {
        HttpRequest request = HttpRequest.newBuilder(hub())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", HttpCalls.FORM_CONTENT_TYPE)
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Form.of("topic", TOPIC, "id", id, "data", "data of " + id).encode()))
                .build();
        try {
            HttpResponse<String> r = HttpCalls.client().send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals(id);
        } catch (IOException e) {
            return false; // killed with the request in flight: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** As FileHistoryIT (server module): ids from {@code next} up to {@code to}, {@link #IN_FLIGHT} at a time. */
    private static void publishAll(AtomicInteger next, int to, int killAfter, Set<String> acked) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < IN_FLIGHT; w++) {
                workers.add(pool.submit(() -> {
                    int n;
                    while (!killed.get() && (n = next.getAndIncrement()) < to) {
                        String id = "urn:durable:" + n;
                        if (publish(id) && acked.add(id) && acked.size() == killAfter && killed.compareAndSet(false, true)) {
                            kill();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The history after {@code lastEventId} up to {@code marker}, reconnecting from the last id received as EventSource does. */
    private static List<String> replay(String lastEventId, String marker) {
        URI url = URI.create(hub() + "?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        String cursor = lastEventId;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try (SseClient sse = SseClient.to(url).lastEventId(cursor).open()) {
                assertEquals(200, sse.status(), sse.describe());
                while (System.nanoTime() < deadline) {
                    if (sse.noEventWithin(Duration.ofMillis(200))) {
                        if (sse.awaitEnd(Duration.ZERO)) {
                            break;
                        }
                        continue;
                    }
                    SseEvent e = sse.next(Duration.ofSeconds(1));
                    if (e.id().equals(marker)) {
                        return ids;
                    }
                    ids.add(e.id());
                    cursor = e.id();
                }
            }
        }
        throw new AssertionError("the marker " + marker + " did not arrive; got " + ids.size() + " updates");
    }

    @Test
    void everyAcknowledgedUpdateSurvivesKillDashNineOfTheServer() throws Exception {
        start();
        String firstId = "urn:durable:first";
        assertTrue(publish(firstId), "the first update is acknowledged");
        Set<String> acked = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger next = new AtomicInteger();
        publishAll(next, TOTAL, TOTAL / 2, acked);
        int before = acked.size();
        assertTrue(before >= TOTAL / 2 && before < TOTAL, "the server was killed halfway: " + before + " acknowledged");

        start();
        assertTrue(Files.isRegularFile(server.resolve("mercure-history/history.db")),
                "the history is in the server's output directory, as server.xml's variable says");
        publishAll(next, TOTAL, -1, acked);
        assertTrue(publish("urn:durable:marker"), "the marker is published");
        List<String> after = replay(firstId, "urn:durable:marker");
        List<String> all = replay("earliest", "urn:durable:marker");

        assertEquals(new HashSet<>(after).size(), after.size(), "no update is replayed twice");
        Set<String> replayed = new HashSet<>(after);
        List<String> missing = acked.stream().filter(id -> !replayed.contains(id)).sorted().toList();
        assertEquals(List.of(), missing, "every acknowledged update after the first is replayed (" + acked.size()
                + " acknowledged, " + before + " before the kill)");
        assertEquals(firstId, all.get(0), "the history starts with the first update");
        assertEquals(all.subList(1, all.size()), after, "Last-Event-ID replays exactly what follows the first update");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
