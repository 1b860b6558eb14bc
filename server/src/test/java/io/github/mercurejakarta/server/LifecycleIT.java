package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up time, generated secrets, and SIGTERM with a stream open. */
class LifecycleIT {

    /** The brief: serving within 10 s of launch. */
    private static final Duration MAX_TIME_TO_FIRST_REQUEST = Duration.ofSeconds(10);

    @Test
    void servesWithinTenSecondsAndAHubWithoutSecretsGeneratesOneItsTokenUses() throws Exception {
        int port = freePort();
        URI hubUrl = URI.create("http://localhost:" + port + "/.well-known/mercure");
        try (HubProcess hub = HubProcess.launch(List.of("hub", "--port", String.valueOf(port)), Map.of())) {
            long servedAfterNanos = -1;
            while (hub.nanosSinceLaunch() < MAX_TIME_TO_FIRST_REQUEST.toNanos() && hub.isAlive()) {
                if (answers(hubUrl)) {
                    servedAfterNanos = hub.nanosSinceLaunch();
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(servedAfterNanos > 0, "no HTTP answer within " + MAX_TIME_TO_FIRST_REQUEST + "; " + hub.output());
            System.out.printf("standalone hub: first successful request %d ms after launch%n", servedAfterNanos / 1_000_000);

            hub.awaitBanner(HubProcess.BANNER_TIMEOUT);
            assertTrue(hub.stdoutLines().stream().anyMatch(l -> l.matches("Generated secret .*: [0-9a-f]{64}")),
                    "a missing secret is generated (32 random bytes, hex) and printed; " + hub.output());
            HttpResponse<String> published = HttpCalls.postForm(hubUrl, Form.of("topic", "https://example.com/x", "data", "x"),
                    "Authorization", "Bearer " + hub.draft07Token());
            assertEquals(200, published.statusCode(), "the printed token is signed with the generated secret; " + published.body());
        }
    }

    @Test
    void sigtermEndsOpenStreamsAndExitsWithinFiveSeconds() {
        HubProcess hub = HubProcess.startHub(List.of("--secret", "a-secret-for-the-sigterm-test-of-the-hub"), Map.of());
        try (SseClient sse = SseClient.open(hub.hubUrl("topic=https%3A%2F%2Fexample.com%2Fsigterm"))) {
            assertEquals(200, sse.status(), sse.describe());
            sse.nextComment(Duration.ofSeconds(5)); // the stream is open and flowing
            long t0 = System.nanoTime();
            hub.terminate();
            assertTrue(hub.awaitExit(Duration.ofSeconds(5)), "the hub exits within 5 s of SIGTERM; " + hub.output());
            System.out.printf("standalone hub: exited %d ms after SIGTERM%n", (System.nanoTime() - t0) / 1_000_000);
            assertTrue(sse.awaitEnd(Duration.ofSeconds(2)), "the client sees its stream end; " + sse.describe());
        } finally {
            hub.close();
        }
    }

    private static boolean answers(URI hubUrl) {
        try {
            HttpResponse<Void> r = HttpCalls.client().send(HttpRequest.newBuilder(hubUrl)
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 401; // the hub's own answer to a tokenless publish
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            return s.getLocalPort();
        }
    }
}
