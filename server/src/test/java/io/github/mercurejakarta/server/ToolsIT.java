package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's tools as a shell user runs them, each a separate {@code java -jar mercure.jar}
 * process, against one real hub process: {@code publish} with each way of authenticating in both drafts,
 * seen arriving through {@code subscribe}'s stdout; the tokens {@code publisher-jwt} and
 * {@code subscriber-jwt} print; failures as one line with the exit code a shell expects.
 */
class ToolsIT {

    static final String PUBLISHER_SECRET = "publisher-secret-for-the-command-line-IT!";
    static final String SUBSCRIBER_SECRET = "subscriber-secret-for-the-command-line-IT";
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(15);

    static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.startHub(List.of("--publisher-secret", PUBLISHER_SECRET, "--subscriber-secret", SUBSCRIBER_SECRET),
                Map.of());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String newTopic() {
        return "https://example.com/cli/" + UUID.randomUUID();
    }

    static HubProcess run(List<String> args, Map<String, String> env) {
        return HubProcess.runToExit(args, env, EXIT_TIMEOUT);
    }

    static HubProcess run(String... args) {
        return run(List.of(args), Map.of());
    }

    /** {@code mercure subscribe ARGS --hub URL}, returned once the hub has accepted the subscription. */
    static HubProcess subscribe(String... args) {
        List<String> all = new ArrayList<>(List.of("subscribe", "--hub", hub.hubUrl().toString()));
        all.addAll(List.of(args));
        HubProcess subscriber = HubProcess.launch(all, Map.of());
        subscriber.awaitStderr(l -> l.startsWith("Subscribed to "), WAIT);
        return subscriber;
    }

    /** Runs {@code mercure publish ...}, expects exit 0 and returns the id it printed. */
    static String publish(List<String> args, Map<String, String> env) {
        HubProcess p = run(args, env);
        assertEquals(0, p.exitValue(), "publish exits 0; " + p.output());
        assertEquals(1, p.stdoutLines().size(), "publish prints one line, the id; " + p.output());
        String id = p.stdoutLines().get(0);
        assertFalse(id.isBlank(), "the printed id is the hub's: " + p.output());
        return id;
    }

    /** Asserts that {@code subscriber} printed the event {@code id} with {@code type} and {@code data} lines. */
    static void assertPrintedEvent(HubProcess subscriber, String id, String type, String... dataLines) {
        List<String> expected = new ArrayList<>(List.of("id: " + id, "event: " + type));
        for (String d : dataLines) {
            expected.add("data: " + d);
        }
        expected.add("");
        subscriber.awaitStdoutLines(out -> out.contains("id: " + id)
                && out.size() >= out.indexOf("id: " + id) + expected.size(), WAIT);
        List<String> out = subscriber.stdoutLines();
        int at = out.indexOf("id: " + id);
        assertEquals(expected, out.subList(at, at + expected.size()),
                "subscribe prints the event as id, event and data lines, then a blank line; " + subscriber.output());
    }

    static Map<String, Object> claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a compact JWS: " + jwt);
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    static Map<String, Object> header(String jwt) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    // --- publish, seen through subscribe ---

    @Test
    void publishWithThePublisherSecretMintsADraft07TokenAndTheEventReachesSubscribe() {
        String topic = newTopic();
        try (HubProcess subscriber = subscribe(topic)) {
            String id = publish(List.of("publish", topic, "line one\nline two", "--type", "greeting", "--hub",
                    hub.hubUrl().toString(), "--publisher-secret", PUBLISHER_SECRET), Map.of());
            assertTrue(id.startsWith("urn:uuid:"), "the hub assigned the id: " + id);
            assertPrintedEvent(subscriber, id, "greeting", "line one", "line two");
        }
    }

    @Test
    void publishWithThePublisherSecretInDraft08ReachesADraft08Subscriber() {
        String topic = newTopic();
        try (HubProcess subscriber = subscribe("--match", topic)) {
            String id = publish(List.of("publish", topic, "hello draft-08", "--protocol", "8", "--hub",
                    hub.hubUrl().toString(), "--publisher-secret", PUBLISHER_SECRET), Map.of());
            assertPrintedEvent(subscriber, id, "message", "hello draft-08");
        }
    }

    @Test
    void publishWithJwtSendsTheGivenToken() {
        String topic = newTopic();
        try (HubProcess subscriber = subscribe(topic)) {
            String id = publish(List.of("publish", topic, "with --jwt", "--hub", hub.hubUrl().toString(),
                    "--jwt", hub.draft08Token()), Map.of());
            assertPrintedEvent(subscriber, id, "message", "with --jwt");
        }
    }

    @Test
    void publishReadsTheHubUrlAndTokenFromTheEnvironment() {
        String topic = newTopic();
        try (HubProcess subscriber = subscribe(topic)) {
            String id = publish(List.of("publish", topic, "from the environment"),
                    Map.of("MERCURE_HUB_URL", hub.hubUrl().toString(), "MERCURE_PUBLISHER_JWT", hub.draft07Token()));
            assertPrintedEvent(subscriber, id, "message", "from the environment");
        }
    }

    @Test
    void publishMintsFromThePublisherSecretKeyVariableInDraft08() {
        String topic = newTopic();
        try (HubProcess subscriber = subscribe("--match", topic)) {
            String id = publish(List.of("publish", topic, "minted from MERCURE_PUBLISHER_SECRET_KEY", "--protocol", "8"),
                    Map.of("MERCURE_HUB_URL", hub.hubUrl().toString(), "MERCURE_PUBLISHER_SECRET_KEY", PUBLISHER_SECRET));
            assertPrintedEvent(subscriber, id, "message", "minted from MERCURE_PUBLISHER_SECRET_KEY");
        }
    }

    @Test
    void publishSendsIdAlternateTopicsAndRetry() {
        String topic = newTopic();
        String alternate = newTopic();
        String chosenId = "urn:example:" + UUID.randomUUID();
        try (HubProcess subscriber = subscribe(alternate)) {
            String id = publish(List.of("publish", topic, "to the alternate", "--topic", alternate, "--id", chosenId,
                    "--retry", "2500", "--hub", hub.hubUrl().toString(), "--publisher-secret", PUBLISHER_SECRET), Map.of());
            assertEquals(chosenId, id, "the hub keeps the id given with --id");
            assertPrintedEvent(subscriber, id, "message", "to the alternate");
        }
    }

    @Test
    void aPrivateUpdateReachesASubscriberWithASubscriberJwtOfEachDraft() {
        for (String protocol : List.of("7", "8")) {
            String topic = newTopic();
            HubProcess minted = run(List.of("subscriber-jwt", "--protocol", protocol, "--topic", topic,
                    "--hub", hub.hubUrl().toString()), Map.of("MERCURE_SUBSCRIBER_SECRET_KEY", SUBSCRIBER_SECRET));
            assertEquals(0, minted.exitValue(), minted.output());
            String token = minted.stdoutLines().get(0);
            try (HubProcess subscriber = protocol.equals("7") ? subscribe(topic, "--jwt", token)
                    : subscribe("--match", topic, "--jwt", token)) {
                String id = publish(List.of("publish", topic, "private, draft-0" + protocol, "--private", "--protocol", protocol,
                        "--hub", hub.hubUrl().toString(), "--publisher-secret", PUBLISHER_SECRET), Map.of());
                assertPrintedEvent(subscriber, id, "message", "private, draft-0" + protocol);
            }
        }
    }

    @Test
    void subscribeWithLastEventIdPrintsTheLaterUpdatesFirst() {
        String topic = newTopic();
        List<String> ids = new ArrayList<>();
        for (String data : List.of("one", "two")) {
            HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", topic, "data", data),
                    "Authorization", "Bearer " + hub.draft07Token());
            assertEquals(200, r.statusCode(), r.body());
            ids.add(r.body());
        }
        try (HubProcess subscriber = subscribe(topic, "--last-event-id", ids.get(0))) {
            assertPrintedEvent(subscriber, ids.get(1), "message", "two");
            assertFalse(subscriber.stdoutLines().contains("id: " + ids.get(0)), "the update at the cursor is not replayed; "
                    + subscriber.output());
        }
    }

    @Test
    void subscribeReconnectsWhenItsHubRestartsAndPrintsWhatIsPublishedAfter() throws Exception {
        String topic = newTopic();
        int port = SubscriberApiIT.freePort();
        List<String> args = List.of("--publisher-secret", PUBLISHER_SECRET, "--subscriber-secret", SUBSCRIBER_SECRET);
        HubProcess restarting = SubscriberApiIT.startOnPort(port, args);
        try {
            HubProcess subscriber = HubProcess.launch(List.of("subscribe", "--hub", restarting.hubUrl().toString(), topic), Map.of());
            try (subscriber) {
                subscriber.awaitStderr(l -> l.startsWith("Subscribed to "), WAIT);
                restarting.terminate();
                assertTrue(restarting.awaitExit(WAIT), restarting.output());
                subscriber.awaitStderr(l -> l.startsWith("Disconnected (") && l.contains("reconnecting in"), WAIT);
                restarting = SubscriberApiIT.startOnPort(port, args);
                subscriber.awaitStderr(l -> l.startsWith("Subscribed again to "), Duration.ofSeconds(45));
                HttpResponse<String> r = HttpCalls.postForm(restarting.hubUrl(), Form.of("topic", topic, "data", "after the restart"),
                        "Authorization", "Bearer " + restarting.draft07Token());
                assertEquals(200, r.statusCode(), r.body());
                assertPrintedEvent(subscriber, r.body(), "message", "after the restart");
                assertTrue(subscriber.isAlive(), "subscribe is still running; " + subscriber.output());
            }
        } finally {
            restarting.close();
        }
    }

    // --- tokens ---

    @Test
    void publisherJwtPrintsADraft07TokenForEveryTopicWithoutExpiryThatTheHubAccepts() throws Exception {
        HubProcess p = run(List.of("publisher-jwt"), Map.of("MERCURE_PUBLISHER_SECRET_KEY", PUBLISHER_SECRET));
        assertEquals(0, p.exitValue(), p.output());
        String token = p.stdoutLines().get(0);
        assertEquals("JWT", header(token).get("typ"));
        assertEquals("HS256", header(token).get("alg"));
        assertEquals(Map.of("mercure", Map.of("publish", List.of("*"))), claims(token),
                "the draft-07 publisher claim, like flask-mercure-sse's, and no exp");
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", newTopic(), "data", "x"),
                "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), "the hub accepts the printed token: " + r.body());
    }

    @Test
    void publisherJwtInDraft08IsAnAccessTokenForTheHubThatTheHubAccepts() throws Exception {
        HubProcess p = run(List.of("publisher-jwt", "--protocol", "8", "--topic", "*", "--hub", hub.hubUrl().toString(),
                "--publisher-secret", PUBLISHER_SECRET), Map.of());
        assertEquals(0, p.exitValue(), p.output());
        String token = p.stdoutLines().get(0);
        Map<String, Object> claims = claims(token);
        assertEquals("at+jwt", header(token).get("typ"));
        assertEquals("mercure", claims.get("iss"), "the hub's default issuer");
        assertEquals(hub.hubUrl().toString(), claims.get("aud"), "the audience is the hub URL");
        long exp = ((Number) claims.get("exp")).longValue();
        long inAYear = Instant.now().plus(Duration.ofDays(365)).getEpochSecond();
        assertTrue(Math.abs(exp - inAYear) < 120, "expires in a year, as the hub's printed token: " + claims);
        assertEquals(List.of(Map.of("type", "https://mercure.rocks/authorization-detail", "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "*", "match_type", "exact")))),
                claims.get("authorization_details"), "one publish detail for every topic");
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", newTopic(), "data", "x"),
                "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), "the hub accepts the printed token: " + r.body());
    }

    @Test
    void subscriberJwtCarriesTopicsPayloadAndAnHourOfLifetime() throws Exception {
        HubProcess p = run("subscriber-jwt", "--topic", "https://example.com/books/{id}", "--payload", "{\"user\":42}",
                "--subscriber-secret", SUBSCRIBER_SECRET);
        assertEquals(0, p.exitValue(), p.output());
        Map<String, Object> claims = claims(p.stdoutLines().get(0));
        assertEquals(Map.of("subscribe", List.of("https://example.com/books/{id}"), "payload", Map.of("user", 42L)),
                claims.get("mercure"), "the draft-07 subscriber claim with the payload");
        long exp = ((Number) claims.get("exp")).longValue();
        assertTrue(Math.abs(exp - Instant.now().plusSeconds(3600).getEpochSecond()) < 120, "expires in an hour: " + claims);
    }

    @Test
    void genSecretKeyPrintsThirtyTwoRandomBytesInHex() {
        HubProcess first = run("gen-secret-key");
        HubProcess second = run("gen-secret-key");
        assertEquals(0, first.exitValue(), first.output());
        assertEquals(1, first.stdoutLines().size(), first.output());
        assertTrue(first.stdoutLines().get(0).matches("[0-9a-f]{64}"), "64 hex characters: " + first.output());
        assertNotEquals(first.stdoutLines().get(0), second.stdoutLines().get(0), "each run prints a new secret");
    }

    // --- failures ---

    @Test
    void publishToAHubThatIsDownExitsOneWithOneLine() throws IOException {
        HubProcess p = run("publish", newTopic(), "x", "--hub", "http://127.0.0.1:" + closedPort() + "/.well-known/mercure",
                "--publisher-secret", PUBLISHER_SECRET);
        assertEquals(1, p.exitValue(), p.output());
        assertOneLine(p, "cannot reach the hub at http://127.0.0.1:");
    }

    @Test
    void subscribeToAHubThatIsDownExitsOneWithOneLine() throws IOException {
        HubProcess p = run("subscribe", newTopic(), "--hub", "http://127.0.0.1:" + closedPort() + "/.well-known/mercure");
        assertEquals(1, p.exitValue(), p.output());
        assertOneLine(p, "cannot reach the hub at http://127.0.0.1:");
    }

    @Test
    void publishWithATokenTheHubRefusesExitsOneWithTheHubsAnswer() {
        HubProcess p = run("publish", newTopic(), "x", "--hub", hub.hubUrl().toString(),
                "--publisher-secret", "not-the-publisher-secret-of-this-hub!!");
        assertEquals(1, p.exitValue(), p.output());
        assertOneLine(p, "answered 401: invalid token (WWW-Authenticate: Bearer error=\"invalid_token\")");
    }

    @Test
    void subscribeWithABadSelectorExitsOneWithTheHubsAnswer() {
        HubProcess p = run("subscribe", "--url-pattern", "https://example.com/(", "--hub", hub.hubUrl().toString());
        assertEquals(1, p.exitValue(), p.output());
        assertOneLine(p, "answered 400");
    }

    @Test
    void publishWithoutDataIsAUsageErrorExitingTwo() {
        HubProcess p = run("publish", newTopic());
        assertEquals(2, p.exitValue(), p.output());
        assertTrue(p.stderrLines().get(0).contains("DATA"), "names the missing parameter; " + p.output());
    }

    @Test
    void publisherJwtWithoutASecretExitsTwoWithOneLine() {
        HubProcess p = run("publisher-jwt");
        assertEquals(2, p.exitValue(), p.output());
        assertOneLine(p, "no publisher secret: give --publisher-secret KEY or set MERCURE_PUBLISHER_SECRET_KEY");
    }

    @Test
    void everyCommandsHelpExitsZero() {
        for (String command : List.of("publish", "subscribe", "publisher-jwt", "subscriber-jwt", "gen-secret-key", "hub")) {
            HubProcess p = run(command, "--help");
            assertEquals(0, p.exitValue(), command + " --help exits 0; " + p.output());
            assertTrue(p.stdoutLines().get(0).startsWith("Usage: mercure " + command), command + " --help prints its usage; "
                    + p.output());
        }
        HubProcess top = run("--help");
        assertEquals(0, top.exitValue(), top.output());
        String help = String.join("\n", top.stdoutLines());
        for (String command : List.of("hub", "publish", "subscribe", "publisher-jwt", "subscriber-jwt", "gen-secret-key")) {
            assertTrue(help.contains("  " + command + " "), "mercure --help lists " + command + "; " + top.output());
        }
    }

    private static void assertOneLine(HubProcess p, String expected) {
        assertEquals(1, p.stderrLines().size(), "one line on stderr; " + p.output());
        assertTrue(p.stderrLines().get(0).contains(expected), "the line says: " + expected + "; " + p.output());
        assertFalse(p.stderrLines().get(0).contains("Exception"), "no stack trace; " + p.output());
        assertTrue(p.stdoutLines().isEmpty(), "nothing on stdout; " + p.output());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
