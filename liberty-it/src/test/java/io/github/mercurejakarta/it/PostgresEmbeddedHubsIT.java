package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.PostgresServer;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Open Liberty servers running the same application, whose embedded hubs share one PostgreSQL
 * database through each server's own DataSource ({@code mercure.hub.transport=datasource:jdbc/app}): the
 * application brings no driver and no transport settings of its own, the servers' configuration has the
 * database, as it would for the application's own data. Both servers are created here in the Liberty
 * installation the build made ({@code target/liberty/wlp}), on free ports, with the PostgreSQL driver as
 * a shared library that the DataSource and the application both use (the application's
 * {@code classloader commonLibraryRef}), so that the hub can wait for notifications on pgjdbc's connection.
 */
class PostgresEmbeddedHubsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "publisher-and-subscriber-key-of-the-postgres-IT";
    private static final String SERVER = System.getProperty("liberty.it.server", "mercureIT") + "Pg";
    private static final TokenFactory TOKENS = new TokenFactory();
    private static final Path WLP = Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp"));
    private static PostgresServer pg;
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startDatabaseAndServers() throws Exception {
        pg = PostgresServer.start();
        WebArchive war = Deployments.war("pg")
                .config("mercure.hub.transport", "datasource:jdbc/app?schema=liberty")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.secret.key", KEY)
                .build();
        Path driver = Deployments.codeSource(org.postgresql.Driver.class);
        for (int i = 1; i <= 2; i++) {
            String name = SERVER + i;
            Path server = WLP.resolve("usr/servers").resolve(name);
            if (!Files.isDirectory(server)) {
                run("create", name);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ports.add(port);
            Files.writeString(server.resolve("server.xml"), """
                    <server description="embedded hub %d of PostgresEmbeddedHubsIT">
                      <featureManager>
                        <feature>restfulWS-3.1</feature>
                        <feature>cdi-4.0</feature>
                        <feature>jsonb-3.0</feature>
                        <feature>mpConfig-3.1</feature>
                        <feature>mpHealth-4.0</feature>
                        <feature>jdbc-4.3</feature>
                        <feature>jndi-1.0</feature>
                      </featureManager>
                      <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                      <applicationManager autoExpand="true"/>
                      <library id="postgresql"><file name="%s"/></library>
                      <dataSource id="app" jndiName="jdbc/app">
                        <jdbcDriver libraryRef="postgresql"/>
                        <properties.postgresql serverName="127.0.0.1" portNumber="%d" databaseName="%s"
                                               user="%s" password="%s"/>
                      </dataSource>
                      <webApplication location="pg.war" contextRoot="/pg">
                        <classloader commonLibraryRef="postgresql"/>
                      </webApplication>
                    </server>
                    """.formatted(i, port, driver, pg.port(), PostgresServer.DATABASE, PostgresServer.USER, PostgresServer.PASSWORD));
            Path apps = server.resolve("apps");
            Files.createDirectories(apps);
            war.as(ZipExporter.class).exportTo(apps.resolve("pg.war").toFile(), true);
            Files.deleteIfExists(server.resolve("logs/messages.log"));
            run("start", name);
        }
        for (int i = 0; i < 2; i++) {
            awaitHub(i);
        }
    }

    private static void awaitHub(int i) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                // a POST without a token: 401 once the hub answers, 404 before (a GET would stream forever)
                if (HttpCalls.post(hub(i), HttpCalls.FORM_CONTENT_TYPE, "topic=x").statusCode() != 404) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Liberty server " + SERVER + (i + 1) + " did not serve the hub within 120 s: "
                        + messages(i));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopServersAndDatabase() throws Exception {
        try {
            for (int i = 1; i <= 2; i++) {
                run("stop", SERVER + i);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void run(String action, String server) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, server).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || (p.exitValue() != 0 && !"stop".equals(action))) {
            throw new AssertionError("server " + action + " " + server + " failed: " + out);
        }
    }

    private static String messages(int i) {
        try {
            return Files.readString(WLP.resolve("usr/servers").resolve(SERVER + (i + 1)).resolve("logs/messages.log"));
        } catch (IOException e) {
            return "(no messages.log: " + e + ")";
        }
    }

    private static URI hub(int i) {
        return URI.create("http://127.0.0.1:" + ports.get(i) + "/pg/.well-known/mercure");
    }

    private static URI withTopic(URI hub, String topic) {
        return URI.create(hub + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }

    private static String publish(URI hub, String topic, String data) {
        String token = TOKENS.draft07(SigningKey.hmac(KEY), List.of("*"), List.of(), null, null);
        HttpResponse<String> r = HttpCalls.postForm(hub, Form.of("topic", topic, "data", data), "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), "publishing to " + hub + " is accepted: " + r.body());
        return r.body();
    }

    @Test
    void updatePublishedOnOneServerReachesSubscribersOfBothThroughTheirDataSources() {
        String topic = "https://example.com/pg/" + UUID.randomUUID();
        try (SseClient onFirst = SseClient.open(withTopic(hub(0), topic));
             SseClient onSecond = SseClient.open(withTopic(hub(1), topic))) {
            assertEquals(200, onFirst.status(), onFirst.describe());
            assertEquals(200, onSecond.status(), onSecond.describe());
            publish(hub(1), topic, "from the second server");
            publish(hub(0), topic, "from the first server");
            for (SseClient s : List.of(onFirst, onSecond)) {
                assertEquals(List.of("from the second server", "from the first server"),
                        s.nextN(2, WAIT).stream().map(e -> e.data()).toList(), "both servers deliver both, in one order");
            }
        }
        for (int i = 0; i < 2; i++) {
            String log = messages(i);
            assertTrue(log.contains("MERCURE1007I"), "the hub says where its history is: " + log);
            assertFalse(log.contains("MERCURE1005W"), "the DataSource's connection unwraps to pgjdbc's, so the hub "
                    + "waits for notifications instead of polling: " + log);
        }
    }

    @Test
    void subscriberReconnectingToTheOtherServerWithLastEventIdGetsWhatItMissed() {
        String topic = "https://example.com/pg/" + UUID.randomUUID();
        String seen = publish(hub(0), topic, "seen");
        publish(hub(0), topic, "missed 1");
        publish(hub(0), topic, "missed 2");
        try (SseClient again = SseClient.to(withTopic(hub(1), topic)).lastEventId(seen).open()) {
            assertEquals(200, again.status(), again.describe());
            assertEquals(List.of("missed 1", "missed 2"), again.nextN(2, WAIT).stream().map(e -> e.data()).toList(),
                    "the other server replays what followed the Last-Event-ID, from the database");
            assertTrue(again.noEventWithin(Duration.ofMillis(300)), "and nothing twice");
        }
    }

    @Test
    void readinessNamesTheDataSource() {
        HttpResponse<String> ready = HttpCalls.get(URI.create("http://127.0.0.1:" + ports.get(1) + "/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("datasource:jdbc/app"), "the transport check names the DataSource: " + ready.body());
    }
}
