package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RedisServer;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Open Liberty servers, each with the application's embedded hub, sharing one redis-server: they act
 * as one hub. Server 1 is Arquillian's; server 2 is a second server of the same Liberty installation
 * ({@code target/liberty/wlp}), created, started and stopped here with the same war in its dropins and a
 * free HTTP port.
 *
 * <p>Server 2 also has MicroProfile Health ({@code mpHealth-4.0}), server 1 has not: the same war deploys
 * on both, and server 2 serves the hub's health checks, its readiness following Redis.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisEmbeddedHubsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "publisher-and-subscriber-key-of-the-redis-IT";
    /** Named after the Arquillian server, so that concurrent checkouts' servers keep apart. */
    private static final String SECOND_SERVER = System.getProperty("liberty.it.server", "mercureIT") + "Redis2";
    private static final TokenFactory TOKENS = new TokenFactory();
    /** Started with the deployment, which Arquillian builds before any @BeforeAll. */
    private static RedisServer redis;
    private static WebArchive war;
    private static int secondPort;

    @Deployment(testable = false)
    static WebArchive app() {
        redis = RedisServer.start();
        war = Deployments.war("redis")
                .config("mercure.hub.transport", redis.url())
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.secret.key", KEY)
                .jarsOf(io.lettuce.core.RedisClient.class,                              // lettuce-core
                        redis.clients.authentication.core.TokenListener.class,          // redis-authx-core
                        io.netty.util.Version.class,                                   // netty-common
                        io.netty.buffer.ByteBuf.class,                                 // netty-buffer
                        io.netty.channel.Channel.class,                                // netty-transport
                        io.netty.channel.unix.Socket.class,                            // netty-transport-native-unix-common
                        io.netty.handler.ssl.SslContext.class,                         // netty-handler
                        io.netty.handler.codec.ByteToMessageDecoder.class,             // netty-codec-base
                        io.netty.resolver.AddressResolver.class,                       // netty-resolver
                        io.netty.resolver.dns.DnsNameResolver.class,                   // netty-resolver-dns
                        io.netty.handler.codec.dns.DnsRecord.class,                    // netty-codec-dns
                        reactor.core.publisher.Mono.class,                             // reactor-core
                        org.reactivestreams.Publisher.class)                           // reactive-streams
                .build();
        return war;
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startSecondServer() throws Exception {
        Path wlp = Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp"));
        Path server = wlp.resolve("usr/servers").resolve(SECOND_SERVER);
        if (!Files.isDirectory(server)) {
            run(wlp, "create", SECOND_SERVER);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            secondPort = s.getLocalPort();
        }
        Files.writeString(server.resolve("server.xml"), """
                <server description="second embedded hub of RedisEmbeddedHubsIT">
                  <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>mpHealth-4.0</feature>
                  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                  <applicationManager autoExpand="true"/>
                </server>
                """.formatted(secondPort));
        Path dropins = server.resolve("dropins");
        Files.createDirectories(dropins);
        war.as(ZipExporter.class).exportTo(dropins.resolve("redis.war").toFile(), true);
        run(wlp, "start", SECOND_SERVER);
        // the server is up; wait for the application
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                // a POST without a token: 401 once the hub answers, 404 before (a GET would stream forever)
                if (HttpCalls.post(second(), HttpCalls.FORM_CONTENT_TYPE, "topic=x").statusCode() != 404) {
                    break;
                }
            } catch (AssertionError notYet) {
                // connection refused
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second Liberty server did not serve the hub within 120 s; see "
                        + server.resolve("logs/messages.log"));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopSecondServerAndRedis() throws Exception {
        try {
            run(Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp")), "stop", SECOND_SERVER);
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    private static void run(Path wlp, String action, String server) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, server)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || (p.exitValue() != 0 && !"stop".equals(action))) {
            throw new AssertionError("server " + action + " " + server + " failed: " + out);
        }
    }

    private static URI second() {
        // a war in dropins is served at /<war name>, as Arquillian's deployment is
        return URI.create("http://127.0.0.1:" + secondPort + "/redis/.well-known/mercure");
    }

    private URI first() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
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
    void updatePublishedOnOneServerReachesSubscribersOfBoth() throws Exception {
        String topic = "https://example.com/redis/" + UUID.randomUUID();
        try (SseClient onFirst = SseClient.open(withTopic(first(), topic));
             SseClient onSecond = SseClient.open(withTopic(second(), topic))) {
            assertEquals(200, onFirst.status(), onFirst.describe());
            assertEquals(200, onSecond.status(), onSecond.describe());
            publish(second(), topic, "from the second server");
            assertEquals("from the second server", onFirst.next(WAIT).data(), "the first server's subscriber receives it");
            assertEquals("from the second server", onSecond.next(WAIT).data(), "the second server's subscriber receives it");
        }
    }

    @Test
    void subscriberReconnectingToTheOtherServerWithLastEventIdGetsWhatItMissed() throws Exception {
        String topic = "https://example.com/redis/" + UUID.randomUUID();
        String seen = publish(first(), topic, "seen");
        publish(first(), topic, "missed 1");
        publish(first(), topic, "missed 2");
        try (SseClient again = SseClient.to(withTopic(second(), topic)).lastEventId(seen).open()) {
            assertEquals(200, again.status(), again.describe());
            assertEquals(List.of("missed 1", "missed 2"),
                    again.nextN(2, WAIT).stream().map(e -> e.data()).toList(),
                    "the other server replays what followed the Last-Event-ID, from Redis");
        }
    }

    /** Last: it stops and restarts Redis (which comes back empty). */
    @Test
    @Order(Integer.MAX_VALUE)
    void readinessOfTheServerWithMicroProfileHealthIsDownWhileRedisIsAway() throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + secondPort + "/health/ready");
        URI live = URI.create("http://127.0.0.1:" + secondPort + "/health/live");
        String up = awaitStatus(ready, 200);
        assertTrue(up.contains("\"mercure-transport\"") && up.contains(redis.url()),
                "the hub's readiness check is part of /health/ready and names the transport: " + up);
        String liveness = awaitStatus(live, 200);
        assertTrue(liveness.contains("\"mercure-hub\""), "the hub's liveness check is part of /health/live: " + liveness);
        redis.stop();
        try {
            String down = awaitStatus(ready, 503);
            assertTrue(down.contains("\"mercure-transport\"") && down.contains("DOWN"), "DOWN while Redis is away: " + down);
            assertEquals(200, HttpCalls.get(live).statusCode(), "an unreachable Redis does not make the hub dead");
        } finally {
            redis.restart();
        }
        String again = awaitStatus(ready, 200);
        assertTrue(again.contains("\"mercure-transport\""), "UP again once Redis is back: " + again);
    }

    private static String awaitStatus(URI uri, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> r = HttpCalls.get(uri);
            if (r.statusCode() == status) {
                return r.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(uri + " answers " + status + " within 60 s; last " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
