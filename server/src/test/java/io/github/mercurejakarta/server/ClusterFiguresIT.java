package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.PostgresServer;
import io.github.mercurejakarta.testsupport.RedisServer;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cluster figures of bench/RESULTS.md (not run by default: they take minutes and their numbers are for
 * reading, not asserting): two standalone hub processes on one backend; publishers over HTTP on node A at
 * a fixed rate (open loop: each update has a scheduled send time), one subscriber on node B; publishers as
 * fast as they go for the sustained publishes/s (first: it warms everything up), then publish → delivery
 * latency at a fixed rate, from the scheduled time to the event's arrival, p50/p99. Every update must arrive once, in both phases.
 *
 * <pre>
 * mvn -B -f reactor.xml -pl .,test-support,server verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ClusterFiguresIT -Dmercure.figures=true     # prints "figures ..." lines
 * </pre>
 */
@EnabledIfSystemProperty(named = "mercure.figures", matches = "true")
@EnabledIfSystemProperty(named = "mercure.it.front.end", matches = "netty") // the default front end, once
@DisabledIfSystemProperty(named = "mercure.it.netty.io", matches = "nio")
class ClusterFiguresIT {

    static final String SECRET = "a-secret-shared-by-every-node-of-the-cluster";
    static final int RATE = Integer.getInteger("mercure.figures.rate", 1000);
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("mercure.figures.seconds", 10));
    static final int PUBLISHERS = 32;

    @Test
    void redis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            figures("redis", redis.url());
        }
    }

    @Test
    void redisWaitingForOneReplica() throws Exception {
        try (RedisServer redis = RedisServer.start(); RedisServer replica = RedisServer.startReplicaOf(redis)) {
            // until its first synchronisation is over, a replica acknowledges nothing: every WAIT would time out
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!redis.command("INFO", "replication").contains("state=online")) {
                assertTrue(System.nanoTime() < deadline, "the replica connects: " + redis.command("INFO", "replication"));
                Thread.sleep(50);
            }
            figures("redis, wait-replicas=1", redis.url() + "?wait-replicas=1");
        }
    }

    @Test
    void postgresql() throws Exception {
        try (PostgresServer pg = PostgresServer.start(true)) { // fsync on, as in production
            figures("postgresql (fsync on)", pg.url());
        }
    }

    /** The same with {@code synchronous_commit=off} for the hub's sessions: what the path costs without the disk. */
    @Test
    void postgresqlWithoutSynchronousCommit() throws Exception {
        try (PostgresServer pg = PostgresServer.start(true)) {
            figures("postgresql (fsync on, synchronous_commit=off)", pg.url() + "?options=-c%20synchronous_commit%3Doff");
        }
    }

    private static void figures(String name, String transport) throws Exception {
        List<String> args = List.of("--secret", SECRET, "--transport", transport, "--reconciliation-length", "1000");
        try (HubProcess a = HubProcess.startHub(args, Map.of()); HubProcess b = HubProcess.startHub(args, Map.of())) {
            String topic = "https://example.com/figures/" + UUID.randomUUID();
            try (SseClient onB = SseClient.open(b.hubUrl("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)))) {
                assertEquals(200, onB.status(), onB.describe());
                // the flat-out phase first: it also warms both JVMs (JIT) and the database up for the paced one
                double rate = flatOut(a, b, onB, topic);
                System.out.printf("figures %s: sustained %.0f publishes/s (%d publishers over HTTP on node A, each update "
                        + "delivered on node B; load average %.1f)%n", name, rate, PUBLISHERS, loadAverage());
                int warm = (int) (RATE * WARM_UP.toSeconds());
                int n = (int) (RATE * MEASURED.toSeconds());
                long[] micros = paced(a, onB, topic, warm + n);
                long[] measured = Arrays.copyOfRange(micros, warm, warm + n);
                Arrays.sort(measured);
                double load = loadAverage();
                System.out.printf("figures %s: %d publishes/s on node A -> subscriber on node B, %d updates after %d warm-up:"
                                + " p50 %.2f ms, p99 %.2f ms, max %.2f ms (load average %.1f)%n", name, RATE, n, warm,
                        measured[n / 2] / 1000.0, measured[n * 99 / 100] / 1000.0, measured[n - 1] / 1000.0, load);
            }
        }
    }

    /** Publishes {@code total} updates at {@link #RATE}/s; returns each one's latency (µs) from its scheduled time. */
    private static long[] paced(HubProcess a, SseClient onB, String topic, int total) throws Exception {
        long[] micros = new long[total];
        long start = System.nanoTime() + 200_000_000L;
        long intervalNanos = 1_000_000_000L / RATE;
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < PUBLISHERS; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long at = start + i * intervalNanos;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    publish(a, topic, i + " " + at);
                }
                return null;
            }));
        }
        boolean[] seen = new boolean[total];
        for (int k = 0; k < total; k++) {
            SseEvent e = onB.next(Duration.ofSeconds(30));
            long now = System.nanoTime();
            String[] parts = e.data().split(" ");
            int i = Integer.parseInt(parts[0]);
            assertEquals(false, seen[i], "update " + i + " arrives once");
            seen[i] = true;
            micros[i] = (now - Long.parseLong(parts[1])) / 1000;
        }
        for (Future<?> f : fs) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return micros;
    }

    /** Publishers as fast as they go for {@link #MEASURED}; returns the publishes/s, once all arrived on node B. */
    private static double flatOut(HubProcess a, HubProcess b, SseClient onB, String topic) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        AtomicInteger sent = new AtomicInteger();
        long end = System.nanoTime() + MEASURED.toNanos();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < PUBLISHERS; t++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    publish(a, topic, "flat " + sent.incrementAndGet());
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        int total = sent.get();
        for (int k = 0; k < total; k++) {
            try {
                onB.next(Duration.ofSeconds(30));
            } catch (AssertionError e) {
                String out = b.output();
                throw new AssertionError(e.getMessage() + "; hub B's output ends with: " + out.substring(Math.max(0, out.length() - 3000)), e);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return total / seconds;
    }

    private static void publish(HubProcess a, String topic, String data) {
        HttpResponse<String> r = HttpCalls.postForm(a.hubUrl(), Form.of("topic", topic, "data", data),
                "Authorization", "Bearer " + a.draft07Token());
        if (r.statusCode() != 200) {
            String out = a.output();
            fail(r.statusCode() + " " + r.body() + "; hub A's output ends with: " + out.substring(Math.max(0, out.length() - 3000)));
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
