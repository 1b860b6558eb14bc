package io.github.mercurejakarta.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.HubAuthorizationException;
import io.github.mercurejakarta.exceptions.HubException;
import io.github.mercurejakarta.exceptions.HubRejectedUpdateException;
import io.github.mercurejakarta.exceptions.HubServerException;
import io.github.mercurejakarta.exceptions.HubTimeoutException;
import io.github.mercurejakarta.exceptions.HubUnreachableException;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link HubPublisher} against a real local HTTP server (the JDK's) playing the hub: what is sent, how
 * every answer maps to a typed exception, the timeout, the draft-07/08 probe and connection reuse.
 */
class HubPublisherTest {

    private static final String KEY = "publisher-key-for-the-client-unit-tests!";

    /** What the fake hub answers: status, headers, body. */
    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status, String body, String... headers) {
            Map<String, String> h = new HashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                h.put(headers[i], headers[i + 1]);
            }
            return new Answer(status, h, body);
        }
    }

    /** One request the fake hub received. */
    private record Received(String method, String path, Map<String, List<String>> form, String authorization, int remotePort) {
        String first(String field) {
            List<String> v = form.get(field);
            return v == null ? null : v.get(0);
        }
    }

    private HttpServer server;
    private ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private volatile Answer publishAnswer = Answer.of(200, "urn:uuid:from-the-hub");
    private volatile Answer metadataAnswer = Answer.of(404, "not found");
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdPublishes;

    @BeforeEach
    void startHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/.well-known/oauth-protected-resource", ex -> {
            metadataRequests.incrementAndGet();
            answer(ex, metadataAnswer);
        });
        server.createContext("/.well-known/mercure", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), parse(body),
                    ex.getRequestHeaders().getFirst("Authorization"), ex.getRemoteAddress().getPort()));
            if (holdPublishes) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(ex, publishAnswer);
        });
        server.start();
    }

    @AfterEach
    void stopHub() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/mercure";
    }

    private HubPublisher publisher(String... config) {
        Map<String, String> map = new HashMap<>();
        map.put("mercure.hub.url", hubUrl());
        map.put("mercure.publisher.secret.key", KEY);
        for (int i = 0; i < config.length; i += 2) {
            map.put(config[i], config[i + 1]);
        }
        map.values().removeIf(v -> v == null);
        return HubPublisher.create(MercureConfig.of(map));
    }

    @Test
    void publishPostsEveryFieldAndReturnsTheIdTheHubAnswered() {
        String id = publisher().publish(Update.builder().topic("https://example.com/books/1").topic("alternate topic")
                .data("line 1\nline 2 & more=").privateUpdate(true).id("my-id").type("book").retry(2500L).build());

        assertEquals("urn:uuid:from-the-hub", id, "the id is the hub's answer");
        Received r = received.get(0);
        assertEquals("POST", r.method());
        assertEquals(List.of("https://example.com/books/1", "alternate topic"), r.form().get("topic"), "every topic, in order");
        assertEquals("line 1\nline 2 & more=", r.first("data"), "data survives form encoding");
        assertEquals("on", r.first("private"));
        assertEquals("my-id", r.first("id"));
        assertEquals("book", r.first("type"));
        assertEquals("2500", r.first("retry"));
        assertTrue(r.authorization().startsWith("Bearer "), "a bearer token is sent");
    }

    @Test
    void aPublicUpdateSendsNoPrivateFieldAtAll() {
        publisher().publish(Update.of("t", "d"));
        assertFalse(received.get(0).form().containsKey("private"), "presence alone would make it private");
    }

    @Test
    void aConfiguredJwtIsSentAsIsWithoutProbingTheHub() {
        publisher("mercure.publisher.jwt", "configured.publisher.token", "mercure.publisher.secret.key", null).publish(Update.of("t", "d"));
        assertEquals("Bearer configured.publisher.token", received.get(0).authorization());
        assertEquals(0, metadataRequests.get(), "a configured token needs no dialect");
    }

    @Test
    void autoWithoutMetadataMintsADraft07TokenAndProbesOnce() {
        HubPublisher p = publisher();
        p.publish(Update.of("t", "1"));
        p.publish(Update.of("t", "2"));
        Map<String, Object> claims = claims(received.get(0).authorization());
        assertTrue(claims.containsKey("mercure"), "draft-07 token: a mercure claim, got " + claims);
        assertEquals(Map.of("publish", List.of("*")), claims.get("mercure"));
        assertEquals(1, metadataRequests.get(), "the answer of the probe is cached");
        assertEquals(received.get(0).authorization(), received.get(1).authorization(), "the minted token is reused");
    }

    @Test
    void autoWithValidMetadataMintsADraft08TokenForItsResource() {
        metadataAnswer = Answer.of(200, "{\"resource\":\"" + hubUrl() + "\",\"bearer_methods_supported\":[\"header\"]}",
                "Content-Type", "application/json");
        publisher().publish(Update.of("t", "d"));
        Map<String, Object> header = header(received.get(0).authorization());
        Map<String, Object> claims = claims(received.get(0).authorization());
        assertEquals("at+jwt", header.get("typ"), "draft-08 access token");
        assertEquals(hubUrl(), claims.get("aud"), "the audience is the metadata's resource");
        assertEquals("mercure", claims.get("iss"));
        assertNotNull(claims.get("authorization_details"));
    }

    @Test
    void metadataForAnotherResourceIsIgnored() {
        metadataAnswer = Answer.of(200, "{\"resource\":\"https://elsewhere.example/.well-known/mercure\"}");
        publisher().publish(Update.of("t", "d"));
        assertTrue(claims(received.get(0).authorization()).containsKey("mercure"),
                "metadata naming another resource must not be used (spec item 14): draft-07");
    }

    @Test
    void aFailedProbeIsNotCachedAndFailsThePublishWithTheTypedException() {
        metadataAnswer = Answer.of(503, "starting");
        HubPublisher p = publisher();
        assertThrows(HubServerException.class, () -> p.publish(Update.of("t", "d")));
        metadataAnswer = Answer.of(404, "");
        assertEquals("urn:uuid:from-the-hub", p.publish(Update.of("t", "d")), "the next publish probes again");
        assertEquals(2, metadataRequests.get());
    }

    @Test
    void forcedDraft07AndDraft08NeverProbe() {
        publisher("mercure.protocol.version", "7").publish(Update.of("t", "d"));
        publisher("mercure.protocol.version", "8", "mercure.hub.audience", "urn:hub").publish(Update.of("t", "d"));
        assertEquals(0, metadataRequests.get());
        assertTrue(claims(received.get(0).authorization()).containsKey("mercure"), "7: a draft-07 token");
        assertEquals("urn:hub", claims(received.get(1).authorization()).get("aud"), "8: aud is mercure.hub.audience");
    }

    @Test
    void unauthorizedIsAnAuthorizationExceptionCarryingTheChallenge() {
        publishAnswer = Answer.of(401, "invalid token", "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        HubAuthorizationException e = assertThrows(HubAuthorizationException.class, () -> publisher().publish(Update.of("t", "d")));
        assertEquals(401, e.status());
        assertEquals("invalid_token", e.error().orElse(null), "the RFC 6750 error of the hub's challenge");
        assertEquals("Bearer error=\"invalid_token\"", e.challenge().orElse(null));
        assertTrue(e.getMessage().contains("invalid_token"), "the message says why: " + e.getMessage());
    }

    @Test
    void forbiddenIsAnAuthorizationExceptionWithInsufficientScope() {
        publishAnswer = Answer.of(403, "", "WWW-Authenticate", "Bearer realm=\"mercure\", error=\"insufficient_scope\"");
        HubAuthorizationException e = assertThrows(HubAuthorizationException.class, () -> publisher().publish(Update.of("t", "d")));
        assertEquals(403, e.status());
        assertEquals("insufficient_scope", e.error().orElse(null));
    }

    @Test
    void badRequestIsARejectedUpdateCarryingTheHubsMessage() {
        publishAnswer = Answer.of(400, "the type mercure is reserved\n");
        HubRejectedUpdateException e = assertThrows(HubRejectedUpdateException.class, () -> publisher().publish(Update.of("t", "d")));
        assertEquals(400, e.status());
        assertEquals("the type mercure is reserved", e.hubMessage().orElse(null));
        assertTrue(e.getMessage().contains("the type mercure is reserved"), e.getMessage());
    }

    @Test
    void payloadTooLargeIsARejectedUpdate() {
        publishAnswer = Answer.of(413, "too large");
        assertEquals(413, assertThrows(HubRejectedUpdateException.class, () -> publisher().publish(Update.of("t", "d"))).status());
    }

    @Test
    void serverErrorsAreServerExceptions() {
        publishAnswer = Answer.of(502, "<html>bad gateway</html>");
        HubServerException e = assertThrows(HubServerException.class, () -> publisher().publish(Update.of("t", "d")));
        assertEquals(502, e.status());
    }

    @Test
    void otherStatusesAreHubExceptionsAndNeverAnId() {
        publishAnswer = Answer.of(404, "no such page");
        HubException e = assertThrows(HubException.class, () -> publisher().publish(Update.of("t", "d")));
        assertEquals(404, e.status());
        assertEquals(HubException.class, e.getClass(), "no narrower type fits a 404");
        publishAnswer = Answer.of(302, "", "Location", "https://elsewhere.example/");
        assertEquals(302, assertThrows(HubException.class, () -> publisher().publish(Update.of("t", "d"))).status(),
                "a redirect is not followed: the POST would lose its body or its token");
    }

    @Test
    void aHubThatIsDownIsUnreachable() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        HubPublisher p = HubPublisher.create(MercureConfig.of(Map.of(
                "mercure.hub.url", "http://127.0.0.1:" + freePort + "/.well-known/mercure",
                "mercure.publisher.secret.key", KEY, "mercure.protocol.version", "7")));
        HubUnreachableException e = assertThrows(HubUnreachableException.class, () -> p.publish(Update.of("t", "d")));
        assertEquals(0, e.status(), "no answer");
        assertTrue(e.getMessage().contains(String.valueOf(freePort)), "the message names the hub: " + e.getMessage());
    }

    @Test
    void aHubThatDoesNotAnswerInTimeTimesOut() {
        holdPublishes = true;
        HubPublisher p = publisher("mercure.hub.timeout", "0.3", "mercure.protocol.version", "7");
        long start = System.nanoTime();
        HubTimeoutException e = assertThrows(HubTimeoutException.class, () -> p.publish(Update.of("t", "d")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Duration.ofMillis(300), e.timeout());
        assertTrue(ms >= 250 && ms < 5000, "gave up after about mercure.hub.timeout, took " + ms + " ms");
    }

    @Test
    void publishAsyncDoesNotWaitForTheHub() throws Exception {
        holdPublishes = true;
        HubPublisher p = publisher("mercure.protocol.version", "7");
        CompletableFuture<String> id = p.publishAsync(Update.of("t", "d")).toCompletableFuture();
        assertFalse(id.isDone(), "the caller got a stage before the hub answered");
        release.countDown();
        assertEquals("urn:uuid:from-the-hub", id.get(5, TimeUnit.SECONDS));
    }

    @Test
    void publishAsyncFailsWithTheTypedException() {
        publishAnswer = Answer.of(400, "bad id");
        CompletableFuture<String> id = publisher("mercure.protocol.version", "7").publishAsync(Update.of("t", "d")).toCompletableFuture();
        Throwable failure = assertThrows(Exception.class, () -> id.get(5, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(HubRejectedUpdateException.class, failure, "the stage fails with the typed exception itself");
    }

    @Test
    void publicationsReuseOneKeptAliveConnection() {
        HubPublisher p = publisher("mercure.protocol.version", "7");
        for (int i = 0; i < 3; i++) {
            p.publish(Update.of("t", "d" + i));
        }
        assertEquals(1, received.stream().map(Received::remotePort).distinct().count(),
                "three publications over one connection (client ports " + received.stream().map(Received::remotePort).toList() + ")");
    }

    @Test
    void anExternalHubWithoutPublisherCredentialsIsAConfigurationErrorNamingTheKeys() {
        io.github.mercurejakarta.exceptions.ConfigurationException e = assertThrows(io.github.mercurejakarta.exceptions.ConfigurationException.class,
                () -> HubPublisher.checkConfiguration(MercureConfig.of(Map.of("mercure.hub.url", hubUrl()))));
        assertEquals("mercure.publisher.jwt", e.key());
        assertTrue(e.getMessage().contains("mercure.publisher.secret.key") && e.getMessage().contains("mercure.secret.key"),
                "the message names every key that would do: " + e.getMessage());
        for (String key : new String[] {"mercure.publisher.jwt", "mercure.publisher.secret.key", "mercure.secret.key"}) {
            assertDoesNotThrow(() -> HubPublisher.checkConfiguration(MercureConfig.of(Map.of("mercure.hub.url", hubUrl(), key, "x"))),
                    key + " alone is a publisher credential");
        }
    }

    @Test
    void aPublicKeyCannotSignPublisherTokensAndTheErrorNamesTheKey() {
        String publicPem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----";
        io.github.mercurejakarta.exceptions.ConfigurationException e = assertThrows(io.github.mercurejakarta.exceptions.ConfigurationException.class,
                () -> HubPublisher.checkConfiguration(MercureConfig.of(Map.of("mercure.hub.url", hubUrl(),
                        "mercure.publisher.secret.key", publicPem))));
        assertEquals("mercure.publisher.secret.key", e.key());
    }

    @Test
    void metadataUrlInsertsTheWellKnownPathBeforeTheHubsPath() {
        assertEquals("https://hub.example/.well-known/oauth-protected-resource/.well-known/mercure",
                HubDialectProbe.metadataUrl(java.net.URI.create("https://hub.example/.well-known/mercure")).toString());
        assertEquals("http://h:5500/.well-known/oauth-protected-resource",
                HubDialectProbe.metadataUrl(java.net.URI.create("http://h:5500/")).toString());
    }

    private static void answer(HttpExchange ex, Answer a) throws IOException {
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> out = new HashMap<>();
        if (form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static Map<String, Object> claims(String authorization) {
        return part(authorization, 1);
    }

    private static Map<String, Object> header(String authorization) {
        return part(authorization, 0);
    }

    private static Map<String, Object> part(String authorization, int index) {
        String jwt = authorization.substring("Bearer ".length());
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
