package io.github.mercurejakarta.it.external;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.it.Deployments;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Liberty applications whose {@code mercure.hub.url} names an external hub: the project's standalone hub,
 * run as a separate process (started before the deployments, which need its URL). Each deployment is one
 * configuration: {@code mercure.protocol.version} auto / 7 / 8, a wrong publisher key, a wrong draft-08
 * audience, a hub that is down.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExternalHubIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUBLISHER_KEY = "external-hub-publisher-key-for-the-ITs!!";
    private static final String SUBSCRIBER_KEY = "external-hub-subscriber-key-for-the-ITs!";
    private static final TokenFactory TOKENS = new TokenFactory();

    /** Started when the class loads: the deployments below are built with its URL. */
    private static final StandaloneHub HUB = StandaloneHub.start(
            "--publisher-secret", PUBLISHER_KEY, "--subscriber-secret", SUBSCRIBER_KEY,
            // a client that leaves is noticed at the next write: keep-alives make that quick for presence
            "--keepalive-interval", "1");

    @AfterAll
    static void stopHub() {
        HUB.close();
    }

    private static WebArchive app(String name, String... config) {
        Deployments.Builder b = Deployments.war(name)
                .config("mercure.hub.url", HUB.url().toString())
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .classes(ExternalPublishResource.class);
        for (int i = 0; i < config.length; i += 2) {
            b.config(config[i], config[i + 1]);
        }
        return b.build();
    }

    @Deployment(name = "ext-auto", testable = false)
    static WebArchive auto() {
        return app("ext-auto");
    }

    @Deployment(name = "ext-07", testable = false)
    static WebArchive draft07() {
        return app("ext-07", "mercure.protocol.version", "7");
    }

    @Deployment(name = "ext-08", testable = false)
    static WebArchive draft08() {
        return app("ext-08", "mercure.protocol.version", "8");
    }

    @Deployment(name = "ext-08-wrong-audience", testable = false)
    static WebArchive draft08WrongAudience() {
        return app("ext-08-wrong-audience", "mercure.protocol.version", "8", "mercure.hub.audience", "urn:another-hub");
    }

    @Deployment(name = "ext-presence-07", testable = false)
    static WebArchive presence07() {
        return Deployments.war("ext-presence-07")
                .config("mercure.hub.url", HUB.url().toString())
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.protocol.version", "7")
                .classes(io.github.mercurejakarta.it.app.PresenceResource.class)
                .build();
    }

    @Deployment(name = "ext-presence-08", testable = false)
    static WebArchive presence08() {
        return Deployments.war("ext-presence-08")
                .config("mercure.hub.url", HUB.url().toString())
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.protocol.version", "8")
                .classes(io.github.mercurejakarta.it.app.PresenceResource.class)
                .build();
    }

    @Deployment(name = "ext-wrong-key", testable = false)
    static WebArchive wrongKey() {
        return app("ext-wrong-key", "mercure.publisher.secret.key", "not-the-key-the-standalone-hub-has!!");
    }

    @Deployment(name = "ext-down", testable = false)
    static WebArchive hubDown() {
        return Deployments.war("ext-down")
                .config("mercure.hub.url", "http://127.0.0.1:" + StandaloneHub.freePort() + "/.well-known/mercure")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.hub.timeout", "3")
                .classes(ExternalPublishResource.class)
                .build();
    }

    private static URI endpoint(String name) {
        return URI.create("http://127.0.0.1:" + System.getProperty("liberty.it.http.port") + "/" + name + "/external/publish");
    }

    private static HttpResponse<String> publish(String deployment, String... form) {
        return HttpCalls.postForm(endpoint(deployment), Form.of(form));
    }

    private static URI subscribeUrl(String topic) {
        return URI.create(HUB.url() + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }

    private static SseClient subscribe(SseClient.Builder b) {
        SseClient sse = b.open();
        assertEquals(200, sse.status(), "the standalone hub accepts the subscription: " + sse.describe());
        return sse;
    }

    private static String topic() {
        return "https://example.com/books/" + UUID.randomUUID();
    }

    private void assertPublishesThrough(String deployment) {
        String topic = topic();
        try (SseClient sse = subscribe(SseClient.to(subscribeUrl(topic)))) {
            HttpResponse<String> r = publish(deployment, "topic", topic, "data", "via " + deployment);
            assertEquals(200, r.statusCode(), deployment + " published through the external hub: " + r.body() + " " + HUB.output());
            SseEvent e = sse.next(WAIT);
            assertEquals("via " + deployment, e.data(), "the subscriber of the standalone hub got the update");
            assertEquals(r.body(), e.id(), "publish returned the id the hub assigned");
        }
    }

    @Test
    void autoPublishesThroughTheStandaloneHub() {
        assertPublishesThrough("ext-auto");
    }

    @Test
    void draft07OnlyPublishesThroughTheStandaloneHub() {
        assertPublishesThrough("ext-07");
    }

    @Test
    void draft08OnlyPublishesThroughTheStandaloneHub() {
        assertPublishesThrough("ext-08");
    }

    @Test
    void publishAsyncPublishesThroughTheStandaloneHub() {
        String topic = topic();
        try (SseClient sse = subscribe(SseClient.to(subscribeUrl(topic)))) {
            HttpResponse<String> r = publish("ext-auto", "topic", topic, "data", "async", "async", "true");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("async", sse.next(WAIT).data());
        }
    }

    @Test
    void draft08TokensCarryTheAudienceTheHubChecks() {
        HttpResponse<String> r = publish("ext-08-wrong-audience", "topic", topic(), "data", "x");
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("HubAuthorizationException|401|invalid_token|", r.body().substring(0, r.body().lastIndexOf('|') + 1),
                "a draft-08 token for another audience is refused, so mode 8 really sent a draft-08 token");
    }

    @Test
    void aPrivateUpdateReachesOnlyTheAuthorisedSubscriber() {
        String topic = topic();
        String token = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of(topic), null, Duration.ofMinutes(5));
        try (SseClient authorised = subscribe(SseClient.to(subscribeUrl(topic)).authorization(token));
             SseClient anonymous = subscribe(SseClient.to(subscribeUrl(topic)))) {
            assertEquals(200, publish("ext-auto", "topic", topic, "data", "secret", "private", "true").statusCode());
            assertEquals(200, publish("ext-auto", "topic", topic, "data", "public").statusCode());
            assertEquals("secret", authorised.next(WAIT).data(), "the token holder gets the private update");
            assertEquals("public", anonymous.next(WAIT).data(), "the anonymous subscriber gets only the public one");
        }
    }

    @Test
    void aWrongPublisherKeyIsATypedAuthorizationException() {
        HttpResponse<String> r = publish("ext-wrong-key", "topic", topic(), "data", "x");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("HubAuthorizationException|401|invalid_token|"),
                "the application got HubAuthorizationException, 401, invalid_token: " + r.body());
    }

    @Test
    void anUpdateTheHubRefusesIsATypedExceptionWithTheHubsMessage() {
        HttpResponse<String> r = publish("ext-auto", "topic", topic(), "data", "x", "type", "mercure");
        assertEquals(502, r.statusCode(), r.body());
        String[] parts = r.body().split("\\|", 4);
        assertEquals("HubRejectedUpdateException", parts[0], r.body());
        assertEquals("400", parts[1]);
        assertTrue(parts[3].toLowerCase().contains("mercure"), "the hub's message is carried: " + r.body());
    }

    @Test
    void aHubThatIsDownIsATypedUnreachableException() {
        HttpResponse<String> r = publish("ext-down", "topic", topic(), "data", "x");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("HubUnreachableException|0|"), "the application got HubUnreachableException: " + r.body());
    }

    private static String presence(String deployment, String path) {
        HttpResponse<String> r = HttpCalls.get(URI.create("http://127.0.0.1:" + System.getProperty("liberty.it.http.port") + "/"
                + deployment + "/app/presence/" + path));
        assertEquals(200, r.statusCode(), deployment + " " + path + ": " + r.body());
        return r.body();
    }

    private static void awaitPresence(String deployment, String path, String expected) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            last = presence(deployment, path);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(100); // polling a remote hub's API: the event of interest has no callback here
        }
        fail(deployment + " " + path + ": expected " + expected + ", last answer " + last);
    }

    private void assertPresenceThroughTheExternalHub(String deployment, String query, String token) throws Exception {
        String topic = topic();
        String q = "topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        assertEquals("false", presence(deployment, "connected?" + q), "nobody yet");
        try (SseClient sse = subscribe(SseClient.to(URI.create(HUB.url() + "?" + query + "=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)))
                .authorization(token))) {
            awaitPresence(deployment, "connected?" + q + "&user=alice", "true");
            assertEquals("false", presence(deployment, "connected?" + q + "&user=bob"), "the payload filter applies");
            assertTrue(presence(deployment, "subscriptions?" + q).contains("alice"), "getSubscriptions returns the typed subscription with its payload");
        }
        awaitPresence(deployment, "connected?" + q + "&user=alice", "false");
    }

    @Test
    void presenceHelpersQueryTheStandaloneHubInDraft07() throws Exception {
        String token = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of("*"),
                java.util.Map.of("user", "alice"), Duration.ofMinutes(5));
        assertPresenceThroughTheExternalHub("ext-presence-07", "topic", token);
    }

    @Test
    void presenceHelpersQueryTheStandaloneHubInDraft08() throws Exception {
        String real = TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), "mercure", HUB.url().toString(),
                "alice", List.of(), List.of(io.github.mercurejakarta.auth.TopicGrant.all()), java.util.Map.of("user", "alice"),
                Duration.ofMinutes(5));
        assertPresenceThroughTheExternalHub("ext-presence-08", "match", real);
    }
}
