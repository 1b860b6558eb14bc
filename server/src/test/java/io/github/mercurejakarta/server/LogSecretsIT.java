package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.mercurejakarta.server.MetricsIT.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret or token ever reaches the log: the hub runs with its secrets in the environment and is
 * driven with valid, forged, malformed and expiring tokens (header, query parameter and cookie), refused
 * requests and a shutdown; then everything it wrote besides its start-up banner is searched for them.
 */
class LogSecretsIT {

    private static final String PUBLISHER_SECRET = "publisher-secret-that-must-never-be-logged-1";
    private static final String SUBSCRIBER_SECRET = "subscriber-secret-that-must-never-be-logged-2";
    private static final String TOPIC = "https://example.com/secrets";

    @Test
    void theLogHoldsNoSecretAndNoToken() {
        HubProcess hub = HubProcess.startHub(List.of(), Map.of("MERCURE_PUBLISHER_SECRET_KEY", PUBLISHER_SECRET,
                "MERCURE_SUBSCRIBER_SECRET_KEY", SUBSCRIBER_SECRET, "MERCURE_HUB_MAX_SELECTORS", "1",
                "MERCURE_HUB_MAX_CONNECTIONS_PER_ADDRESS", "1", "MERCURE_HUB_ALLOW_ANONYMOUS", "false"));
        List<String> tokens = new ArrayList<>();
        TokenFactory factory = new TokenFactory();
        try {
            String publisher = factory.draft07(SigningKey.hmac(PUBLISHER_SECRET), List.of("*"), List.of(), null, null);
            String forged = factory.draft07(SigningKey.hmac("a-forged-key-that-is-long-enough-too!!"), List.of("*"), List.of(), null, null);
            String malformed = publisher.substring(0, publisher.length() - 7) + "garbage";
            tokens.addAll(List.of(publisher, forged, malformed));

            assertEquals(200, publish(hub, publisher).statusCode());
            assertEquals(401, publish(hub, forged).statusCode());
            assertEquals(401, publish(hub, malformed).statusCode());
            for (String t : List.of(forged, malformed)) {
                assertEquals(401, HttpCalls.get(hub.hubUrl("topic=" + enc(TOPIC)), "Authorization", "Bearer " + t).statusCode());
                assertEquals(401, HttpCalls.get(hub.hubUrl("topic=" + enc(TOPIC) + "&authorization=" + t)).statusCode());
                assertEquals(401, HttpCalls.get(hub.hubUrl("topic=" + enc(TOPIC)), "Cookie", "mercureAuthorization=" + t).statusCode());
            }
            // minted just before use: it expires 3 s later, while its stream is open
            String subscriber = factory.draft07(SigningKey.hmac(SUBSCRIBER_SECRET), null, List.of("*"), null, Duration.ofSeconds(3));
            tokens.add(subscriber);
            try (SseClient sse = SseClient.to(hub.hubUrl("topic=" + enc(TOPIC))).authorization(subscriber).open()) {
                assertEquals(200, sse.status(), sse.describe());
                try (SseClient second = SseClient.to(hub.hubUrl("topic=" + enc(TOPIC) + "&authorization=" + subscriber)).open()) {
                    assertEquals(429, second.status(), "a refused request (per-address limit) is logged: " + second.describe());
                }
                assertEquals(400, HttpCalls.get(hub.hubUrl("topic=a&topic=b&authorization=" + subscriber)).statusCode());
                assertTrue(sse.awaitEnd(Duration.ofSeconds(10)), "the stream ends when its token expires");
            }
            hub.terminate();
            assertTrue(hub.awaitExit(Duration.ofSeconds(10)), "the hub stops on SIGTERM; " + hub.output());
        } finally {
            hub.close();
        }
        List<String> logged = new ArrayList<>(hub.stderrLines());
        List<String> stdout = hub.stdoutLines();
        boolean afterBanner = false;
        for (String line : stdout) {
            if (afterBanner) {
                logged.add(line);
            }
            afterBanner |= line.startsWith("Ready in ");
        }
        assertTrue(logged.stream().anyMatch(l -> l.contains("MERCURE0401W")), "the run did log (a refusal): " + logged);
        // (what the shutdown hook prints is scanned too when the pipe delivered it before the process ended;
        // java.lang.Process may close a pipe under its reader at exit, so its presence is not required)
        List<String> secrets = new ArrayList<>(List.of(PUBLISHER_SECRET, SUBSCRIBER_SECRET));
        for (String t : tokens) {
            secrets.add(t);
            secrets.add(t.substring(t.lastIndexOf('.') + 1)); // a signature alone is a secret too
        }
        for (String line : logged) {
            for (String s : secrets) {
                assertTrue(!line.contains(s), "the log reveals a secret or token: " + line);
            }
        }
    }

    private static HttpResponse<String> publish(HubProcess hub, String token) {
        return HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", "x"), "Authorization", "Bearer " + token);
    }
}
