package io.github.mercurejakarta.bench;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.Transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * How fast a long {@code file:} history is replayed from {@code earliest} ({@code bench/replay}): fills a
 * history directory with N updates through the file transport itself (64 publishers in flight), starts the
 * standalone hub on it, subscribes with {@code Last-Event-ID: earliest} and times the N events. Run with
 * {@code server/target/mercure.jar} first on the class path: the transport is this checkout's.
 */
public final class Replay {

    private static final String TOPIC = "https://example.com/replay";

    private Replay() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        int updates = 1_000_000;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(args[i + 1]);
                case "--updates" -> updates = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: bench/replay [--updates N]");
            }
        }
        Path dir = repo.resolve("bench/target/replay-history").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        fill(dir, updates);
        long bytes;
        try (Stream<Path> s = Files.list(dir)) {
            bytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("store: %d updates in %.1f MB (%s)%n", updates, bytes / 1e6, dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-jar", repo.resolve("server/target/mercure.jar").toString(), "hub",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--secret", "replay-bench-secret-0123456789abcdef",
                "--transport", "file:" + dir, "--reconciliation-length", Integer.toString(updates), "--no-subscriptions");
        // the whole replay is queued for the one subscriber at once
        pb.environment().put("MERCURE_HUB_SUBSCRIBER_QUEUE_SIZE", Integer.toString(updates + 100));
        pb.redirectErrorStream(true);
        Process hub = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Ready in ")) {
                if (line.startsWith("History: ") || line.contains("MERCURE0804I")) {
                    System.out.println("hub: " + line);
                }
            }
            if (line == null) {
                throw new IllegalStateException("the hub exited before its banner");
            }
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // the hub ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            for (int round = 1; round <= 2; round++) {
                replay(port, updates, round);
            }
        } finally {
            hub.destroy();
            hub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void fill(Path dir, int updates) throws Exception {
        Transport t = Transport.fromConfig(MercureConfig.of(Map.of(
                "mercure.hub.transport", "file:" + dir, "mercure.hub.reconciliation.length", Integer.toString(updates))));
        t.start(u -> { });
        String data = "x".repeat(100);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 64; w++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < updates) {
                        t.dispatch(EncodedUpdate.of(Update.builder().topic(TOPIC).id("urn:replay:" + i).data(i + " " + data).build()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            t.close();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fill: %d updates through the file transport, 64 in flight: %.1f s, %.0f updates/s%n", updates, s, updates / s);
    }

    private static void replay(int port, int updates, int round) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/mercure?topic="
                        + java.net.URLEncoder.encode(TOPIC, StandardCharsets.UTF_8)))
                .header("Last-Event-ID", "earliest").timeout(Duration.ofMinutes(10)).build();
        long t0 = System.nanoTime();
        HttpResponse<Stream<String>> r = client.send(request, HttpResponse.BodyHandlers.ofLines());
        long head = System.nanoTime();
        int events = 0;
        try (Stream<String> lines = r.body()) {
            var it = lines.iterator();
            while (events < updates && it.hasNext()) {
                if (it.next().startsWith("id: ")) {
                    events++;
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("replay %d from earliest: %d events in %.2f s (response head after %.0f ms): %.0f updates/s%n",
                round, events, s, (head - t0) / 1e6, events / s);
        if (events != updates) {
            throw new IllegalStateException("expected " + updates + " events, got " + events);
        }
    }
}
