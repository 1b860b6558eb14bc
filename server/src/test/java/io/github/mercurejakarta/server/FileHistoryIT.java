package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone hub with {@code --transport file:DIR} as a separate process: what it acknowledged survives
 * {@code kill -9}, a second hub on the same directory is refused, and the banner says where history lives.
 */
class FileHistoryIT {

    private static final String SECRET = "a-secret-for-the-file-history-test-0123456789";
    private static final String TOPIC = "https://example.com/durable";
    private static final int TOTAL = 2000;
    private static final int IN_FLIGHT = 8;

    @TempDir
    Path tmp;

    private HubProcess hub(Path dir) {
        return HubProcess.startHub(List.of("--secret", SECRET, "--transport", "file:" + dir,
                "--reconciliation-length", "10000"), Map.of());
    }

    /** POSTs one update with its own id; true when the hub answered 200 with that id (acknowledged). */
    private static boolean publish(HubProcess hub, String id) {
        HttpRequest request = HttpRequest.newBuilder(hub.hubUrl())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", HttpCalls.FORM_CONTENT_TYPE)
                .header("Authorization", "Bearer " + hub.draft07Token())
                .POST(HttpRequest.BodyPublishers.ofString(Form.of("topic", TOPIC, "id", id, "data", "data of " + id).encode()))
                .build();
        try {
            HttpResponse<String> r = HttpCalls.client().send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals(id);
        } catch (IOException e) {
            return false; // the hub was killed with the request in flight: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Publishes ids {@code from..to-1} with {@link #IN_FLIGHT} requests in flight; kills the hub (SIGKILL)
     * once {@code killAfter} of them are acknowledged (never if negative). Adds the acknowledged ids to
     * {@code acked}; {@code next} is left past every id tried (an id in flight at the kill may be stored
     * though unacknowledged: it is not published again, which would store the id twice).
     */
    private static void publishAll(HubProcess hub, AtomicInteger next, int to, int killAfter, Set<String> acked) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < IN_FLIGHT; w++) {
                workers.add(pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < to && hub.isAlive()) {
                        String id = "urn:durable:" + n;
                        if (publish(hub, id)) {
                            if (acked.add(id) && acked.size() == killAfter) {
                                hub.kill(); // kill -9 with up to IN_FLIGHT - 1 publishes in flight
                            }
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

    /**
     * Reads the history after {@code lastEventId} up to the {@code marker} update, as a browser's EventSource
     * does: a replay longer than the subscriber's queue ({@code mercure.hub.subscriber.queue.size}) ends the
     * stream, and the client reconnects with the id of the last event it received.
     */
    private static List<String> replay(HubProcess hub, String lastEventId, String marker) {
        URI url = hub.hubUrl("topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        String cursor = lastEventId;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (SseClient sse = SseClient.to(url).lastEventId(cursor).open()) {
                assertEquals(200, sse.status(), sse.describe());
                while (System.nanoTime() < deadline) {
                    if (sse.noEventWithin(Duration.ofMillis(200))) {
                        if (sse.awaitEnd(Duration.ZERO)) {
                            break; // reconnect from the last id received
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
    void everyAcknowledgedUpdateSurvivesKillDashNineAndIsReplayedOnceAfterTheRestart() throws Exception {
        Path dir = tmp.resolve("history");
        HubProcess first = hub(dir);
        List<String> after;
        List<String> all;
        Set<String> acked;
        try {
            String firstId = "urn:durable:first";
            assertTrue(publish(first, firstId), "the first update is acknowledged");
            acked = Collections.synchronizedSet(new HashSet<>());
            AtomicInteger next = new AtomicInteger();
            publishAll(first, next, TOTAL, TOTAL / 2, acked);
            assertFalse(first.isAlive(), "the hub was killed halfway");
            int sent = acked.size();
            assertTrue(sent >= TOTAL / 2 && sent < TOTAL, "about half was acknowledged before the kill: " + sent);

            try (HubProcess second = hub(dir)) {
                // the rest of the 2,000 ids to the restarted hub (the ones lost in flight are not retried)
                publishAll(second, next, TOTAL, -1, acked);
                assertTrue(publish(second, "urn:durable:marker"), "the marker is published");
                after = replay(second, firstId, "urn:durable:marker");
                all = replay(second, "earliest", "urn:durable:marker");
                assertTrue(second.stdoutLines().stream().anyMatch(l -> l.startsWith("History: ") && l.contains(dir.toString())
                        && l.contains("kept across restarts")), "the banner says where history lives; " + second.output());
            }
        } finally {
            first.close();
        }
        assertEquals(new HashSet<>(after).size(), after.size(), "no update is replayed twice");
        Set<String> replayed = new HashSet<>(after);
        List<String> missing = acked.stream().filter(id -> !replayed.contains(id)).sorted().toList();
        Set<String> inHistory = new HashSet<>(all);
        assertEquals(List.of(), missing, "every acknowledged update after the first is replayed (" + acked.size()
                + " acknowledged); of the missing ones, these are in the replay from earliest: "
                + missing.stream().filter(inHistory::contains).toList() + " (" + after.size() + " after the first, " + all.size() + " from earliest)");
        assertEquals("urn:durable:first", all.get(0), "the history starts with the first update");
        assertEquals(all.subList(1, all.size()), after, "Last-Event-ID replays exactly what follows the first update in the history");
    }

    @Test
    void aSecondHubOnTheSameDirectoryIsRefusedWithOneLine() {
        Path dir = tmp.resolve("shared");
        try (HubProcess first = hub(dir)) {
            HubProcess second = HubProcess.runToExit(List.of("hub", "--port", "0", "--secret", SECRET,
                    "--transport", "file:" + dir), Map.of(), Duration.ofSeconds(60));
            assertEquals(1, second.exitValue(), "the second hub cannot start; " + second.output());
            List<String> errors = second.stderrLines().stream().filter(l -> l.contains("MERCURE0802E")).toList();
            assertEquals(1, errors.size(), second.output());
            assertTrue(errors.get(0).contains(dir.toString()) && errors.get(0).contains("another running hub"), errors.get(0));
            assertTrue(first.isAlive(), "the first hub goes on");
            assertTrue(publish(first, "urn:still:working"), "and still takes updates");
        }
    }

    @Test
    void withTheLocalTransportTheBannerSaysHistoryIsLostOnRestart() {
        try (HubProcess local = HubProcess.startHub(List.of("--secret", SECRET), Map.of())) {
            assertTrue(local.stdoutLines().stream().anyMatch(l -> l.startsWith("History: ") && l.contains("in memory")
                    && l.contains("LOST ON RESTART")), local.output());
        }
    }
}
