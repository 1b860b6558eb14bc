package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak test (issue 9): the standalone hub under subscribers that connect and drop at random while
 * publishing goes on for minutes. It passes when
 * <ul>
 *   <li>every subscriber received every update of its topic exactly once and in order, across all its
 *       reconnections with {@code Last-Event-ID};</li>
 *   <li>the hub did not grow: heap after a full GC, RSS, threads and open file descriptors of the hub
 *       process after the run are within the tolerances of their values before it.</li>
 * </ul>
 *
 * <pre>{@code
 * bench/soak                              # 3 minutes, 100 subscribers over 10 topics, 50 publishes/s
 * bench/soak --minutes 10 --subscribers 300 --rate 100
 * }</pre>
 *
 * <p>Phases: start the hub ({@code MERCURE_HUB_KEEPALIVE_INTERVAL=1}, so that vanished clients are found
 * within a second; a history of {@code --history} updates); warm up for {@code --warmup} seconds with the
 * same load on other topics and fill the history, so that what the hub legitimately keeps (the history,
 * JIT code, pools at their working size) is there before the baseline; end every connection, wait until
 * the hub lists no subscription, measure. Then the soak: subscribers connect (all before the first
 * publish, so each is owed every update of its topic), most of them drop their stream after a random
 * 0.2–8 s (a clean close or a reset) and come back after up to 1 s with {@code Last-Event-ID}; churners
 * open and abandon connections besides (before the request is complete, right after it, after the
 * headers). At the end publishing stops, every subscriber comes back and reads to the last update of its
 * topic, the figures are checked, every connection ends and the hub is measured again.
 */
public final class Soak {

    private final Map<String, String> opts;
    private final Path repo;

    private Soak(Map<String, String> opts) {
        this.opts = opts;
        this.repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --option value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        for (String k : opts.keySet()) {
            if (!List.of("minutes", "subscribers", "topics", "rate", "warmup", "history", "churners", "hub-jvm", "repo", "target",
                    "heap-tolerance-mib", "rss-tolerance-mib", "thread-tolerance", "fd-tolerance").contains(k)) {
                usage("unknown option --" + k);
            }
        }
        System.exit(new Soak(opts).run() ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("soak: " + problem);
        System.err.println("usage: bench/soak [--target standalone|standalone-jaxrs] [--minutes 3] [--subscribers 100] [--topics 10] [--rate 50] [--warmup 30]"
                + " [--history 2000] [--churners 2] [--hub-jvm '-Xms256m -Xmx256m -XX:+UseParallelGC -XX:+AlwaysPreTouch']"
                + " [--heap-tolerance-mib 16] [--rss-tolerance-mib 64] [--thread-tolerance 8] [--fd-tolerance 8]");
        System.exit(2);
    }

    private int intOpt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
    }

    private double doubleOpt(String name, double def) {
        return Double.parseDouble(opts.getOrDefault(name, Double.toString(def)));
    }

    /** What /proc and jcmd say about the hub. */
    record Figures(long heapKib, long rssKib, long threads, long fds) {
        static Figures of(ProcessStats p) throws InterruptedException {
            long heap = p.heapAfterGcKib(); // first: the GC also settles what RSS and fds hold
            return new Figures(heap, p.rssKib(), p.threads(), p.openFileDescriptors());
        }

        @Override
        public String toString() {
            return String.format("heap after GC %.1f MiB, RSS %.1f MiB, %d threads, %d open fds",
                    heapKib / 1024.0, rssKib / 1024.0, threads, fds);
        }
    }

    private boolean run() throws Exception {
        double minutes = doubleOpt("minutes", 3);
        int subscriberCount = intOpt("subscribers", 100);
        int topicCount = intOpt("topics", 10);
        double rate = doubleOpt("rate", 50);
        int warmup = intOpt("warmup", 30);
        int history = intOpt("history", 2000);
        int churners = intOpt("churners", 2);
        List<String> jvm = List.of(opts.getOrDefault("hub-jvm", "-Xms256m -Xmx256m -XX:+UseParallelGC -XX:+AlwaysPreTouch").trim().split("\\s+"));
        HubTarget.Settings settings = new HubTarget.Settings(repo, repo.resolve("bench/target"), jvm, jvm, 0);
        String target = opts.getOrDefault("target", "standalone");
        if (!List.of("standalone", "standalone-jaxrs").contains(target)) {
            usage("--target: standalone (the Netty front end) or standalone-jaxrs, got " + target);
        }

        System.out.printf("soak: %s, %.1f min, %d subscribers over %d topics, %.0f publishes/s, %d churners, history %d, hub JVM %s%n",
                target, minutes, subscriberCount, topicCount, rate, churners, history, String.join(" ", jvm));
        long started = System.nanoTime();
        try (HubTarget hub = HubTarget.of(target, settings)) {
            hub.environment.put("MERCURE_HUB_KEEPALIVE_INTERVAL", "1");
            hub.environment.put("MERCURE_HUB_RECONCILIATION_LENGTH", Integer.toString(history));
            hub.start();
            ProcessStats stats = hub.stats();
            System.out.println("soak: hub pid " + stats.pid() + " at " + hub.address() + " (log " + hub.log() + ")");

            // warm-up: the same load on other topics, then the history filled to its length
            Load warm = new Load(hub, "warmup", subscriberCount, topicCount, churners);
            warm.start();
            warm.publishers.run(rate, warmup);
            warm.stop();
            Publishers fill = new Publishers(hub.address(), hub.path(), PublisherToken.mint(HubTarget.PUBLISHER_SECRET),
                    List.of("https://soak.example/fill"), 1, 100);
            fill.run(Math.max(rate, 500), history / Math.max(rate, 500) + 1);
            fill.close();
            awaitNoSubscription(hub);
            Figures before = Figures.of(stats);
            System.out.println("soak: before  " + before);

            // the soak
            Load soak = new Load(hub, "soak", subscriberCount, topicCount, churners);
            soak.start();
            long soakStart = System.nanoTime();
            double seconds = minutes * 60;
            while ((System.nanoTime() - soakStart) / 1e9 < seconds) {
                soak.publishers.run(rate, Math.min(10, seconds - (System.nanoTime() - soakStart) / 1e9 + 0.001));
            }
            double soakSeconds = (System.nanoTime() - soakStart) / 1e9;
            Verdict v = soak.settleAndCheck();
            soak.stop();
            awaitNoSubscription(hub);
            Figures after = Figures.of(stats);
            System.out.println("soak: after   " + after);

            List<String> failures = new ArrayList<>(v.failures);
            check(failures, "heap after GC", before.heapKib, after.heapKib, intOpt("heap-tolerance-mib", 16) * 1024L, "KiB");
            check(failures, "RSS", before.rssKib, after.rssKib, intOpt("rss-tolerance-mib", 64) * 1024L, "KiB");
            check(failures, "threads", before.threads, after.threads, intOpt("thread-tolerance", 8), "");
            check(failures, "open fds", before.fds, after.fds, intOpt("fd-tolerance", 8), "");

            // the hub's own count: at SIGTERM it prints how many streams it still holds, which must be none
            hub.close();
            String openAtStop = openStreamsAtStop(hub.log());
            System.out.println("soak: streams the hub still held at its stop: " + openAtStop);
            if (!openAtStop.equals("0") && !openAtStop.equals("not reported")) {
                failures.add("the hub still held " + openAtStop + " streams at its stop, after every client had left");
            }

            double total = (System.nanoTime() - started) / 1e9;
            String summary = String.format("soak: %.0f s of soak (%.0f s in all): %d updates published (%d publish errors),"
                            + " %d deliveries, %d subscriber connections (%d reconnections with Last-Event-ID by %d of %d"
                            + " subscribers), %d churn connections; lost %d, duplicated %d, out of sequence %d",
                    soakSeconds, total, v.published, soak.publishers.errors.sum(), v.delivered, v.connections,
                    v.connections - subscriberCount, v.reconnected, subscriberCount, soak.churned.get(), v.lost,
                    v.duplicates, v.outOfSequence);
            System.out.println(summary);
            System.out.printf("soak: growth: heap %+.1f MiB, RSS %+.1f MiB, threads %+d, fds %+d%n",
                    (after.heapKib - before.heapKib) / 1024.0, (after.rssKib - before.rssKib) / 1024.0,
                    after.threads - before.threads, after.fds - before.fds);
            failures.forEach(f -> System.out.println("soak: FAIL " + f));
            System.out.println(failures.isEmpty() ? "soak: PASS" : "soak: FAILED (" + failures.size() + ")");
            record(minutes, subscriberCount, topicCount, rate, history, before, after, summary, failures);
            return failures.isEmpty();
        }
    }

    private static void check(List<String> failures, String what, long before, long after, long tolerance, String unit) {
        if (before < 0 || after < 0) {
            failures.add(what + ": not measured (jcmd or /proc unavailable)");
        } else if (after - before > tolerance) {
            failures.add(what + " grew by " + (after - before) + " " + unit + " (from " + before + " to " + after
                    + "), more than the tolerance of " + tolerance + " " + unit);
        }
    }

    /** @return N of the hub's "Stopping: ending N open stream(s)" line, or "not reported". */
    private static String openStreamsAtStop(Path log) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Stopping: ending (\\d+) open stream")
                .matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        String n = "not reported";
        while (m.find()) {
            n = m.group(1);
        }
        return n;
    }

    /** Waits until the hub's subscriptions API lists no subscription: every stream ended, on both sides. */
    private static void awaitNoSubscription(HubTarget hub) throws IOException, InterruptedException {
        String token = PublisherToken.subscriberForAll(HubTarget.SUBSCRIBER_SECRET);
        long deadline = System.nanoTime() + 30_000_000_000L;
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(hub, hub.path() + "/subscriptions", token);
            if (body.contains("\"subscriptions\":[]")) {
                return;
            }
            Thread.sleep(250); // the hub finds vanished clients at its next keep-alive (1 s): poll until then
        }
        throw new IllegalStateException("the hub still lists subscriptions 30 s after every client left: " + body);
    }

    /** A GET with {@code Connection: close}; @return the body (headers stripped, not de-chunked: enough to search). */
    private static String get(HubTarget hub, String path, String token) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(hub.address(), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + hub.address().getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int i = response.indexOf("\r\n\r\n");
            return i < 0 ? response : response.substring(i + 4);
        }
    }

    private void record(double minutes, int subscribers, int topics, double rate, int history, Figures before, Figures after,
                        String summary, List<String> failures) throws IOException {
        Path file = repo.resolve("bench/target/soak-results.md");
        Files.createDirectories(file.getParent());
        String entry = "## " + Instant.now() + " — " + (failures.isEmpty() ? "PASS" : "FAILED") + "\n\n"
                + String.format("`bench/soak --target %s --minutes %s --subscribers %d --topics %d --rate %s --history %d`%n%n",
                        opts.getOrDefault("target", "standalone"), minutes, subscribers, topics, rate, history)
                + "- before: " + before + "\n- after: " + after + "\n- " + summary.replaceFirst("^soak: ", "") + "\n"
                + failures.stream().map(f -> "- FAIL " + f + "\n").reduce("", String::concat) + "\n";
        Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("soak: appended to " + file);
    }

    /** The outcome of a soak's checks. */
    private record Verdict(long published, long delivered, long connections, int reconnected, long lost, long duplicates,
                           long outOfSequence, List<String> failures) {
    }

    /** Subscribers, churners and publishers on one set of topics. */
    private static final class Load {
        private static final SoakSubscriber.Behaviour DROPPING = new SoakSubscriber.Behaviour(false, 200, 8000, 1000);
        private static final SoakSubscriber.Behaviour STEADY = new SoakSubscriber.Behaviour(true, 0, 0, 0);

        final HubTarget hub;
        final List<String> topics = new ArrayList<>();
        final List<SoakSubscriber> subscribers = new ArrayList<>();
        final List<Thread> churnThreads = new ArrayList<>();
        final Publishers publishers;
        final AtomicLong churned = new AtomicLong();
        volatile boolean churning = true;

        Load(HubTarget hub, String name, int subscriberCount, int topicCount, int churners) {
            this.hub = hub;
            for (int t = 0; t < topicCount; t++) {
                topics.add("https://soak.example/" + name + "/" + t);
            }
            for (int i = 0; i < subscriberCount; i++) {
                // one in five keeps its stream: the control group, and the fan-out that runs all along
                subscribers.add(new SoakSubscriber(hub.address(), hub.path(), topics.get(i % topicCount),
                        i % 5 == 0 ? STEADY : DROPPING, i));
            }
            for (int c = 0; c < churners; c++) {
                Thread t = new Thread(this::churn, name + "-churner-" + c);
                t.setDaemon(true);
                churnThreads.add(t);
            }
            // two connections when they divide the topics, else one: each topic's publishes then go over one
            // connection, so a topic is one stream and its sequence numbers are the topic's (Publishers)
            publishers = new Publishers(hub.address(), hub.path(), PublisherToken.mint(HubTarget.PUBLISHER_SECRET), topics,
                    topicCount % 2 == 0 ? 2 : 1, 64);
        }

        /** Starts every subscriber and waits until each has its first stream open; then the churners. */
        void start() throws InterruptedException {
            subscribers.forEach(Thread::start);
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (SoakSubscriber s : subscribers) {
                while (!s.connected() && s.connections() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("subscribers not connected after 60 s: " + s.firstProblem());
                    }
                    Thread.sleep(10); // their threads connect concurrently; this only waits for the last one
                }
            }
            churnThreads.forEach(Thread::start);
        }

        /** Abandons connections in every state a client can leave one in. */
        private void churn() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (churning) {
                String topic = URLEncoder.encode(topics.get(random.nextInt(topics.size())), StandardCharsets.UTF_8);
                String request = "GET " + hub.path() + "?topic=" + topic + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
                try (Socket s = new Socket()) {
                    s.connect(hub.address(), 5000);
                    s.setSoTimeout(2000);
                    int how = random.nextInt(4);
                    if (how == 0) {
                        s.getOutputStream().write(request.substring(0, request.length() / 2).getBytes(StandardCharsets.US_ASCII));
                    } else {
                        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                        if (how >= 2) {
                            InputStream in = s.getInputStream();
                            in.read(new byte[how == 2 ? 16 : 4096]); // the status line; or headers and a first event
                        }
                    }
                    if (random.nextBoolean()) {
                        s.setSoLinger(true, 0);
                    }
                } catch (IOException e) {
                    // a refused or reset churn connection is the hub's right; only the figures judge it
                }
                churned.incrementAndGet();
                try {
                    Thread.sleep(random.nextInt(20, 100)); // ~10-50 abandoned connections per second per churner
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * Stops the drops and churn, lets every subscriber come back and read up to the last update of its
         * topic (at most 30 s), then checks each one.
         */
        Verdict settleAndCheck() throws InterruptedException {
            churning = false;
            for (Thread t : churnThreads) {
                t.join(5000);
            }
            subscribers.forEach(SoakSubscriber::settle);
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (SoakSubscriber s : subscribers) {
                long last = publishers.nextSeq(topics.indexOf(s.topic())) - 1;
                while (s.lastSeq() < last && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the subscriber's thread reads; this waits for the last update to arrive
                }
            }
            List<String> failures = new ArrayList<>();
            long published = 0;
            for (int t = 0; t < topics.size(); t++) {
                published += publishers.nextSeq(t);
            }
            long delivered = 0, connections = 0, lost = 0, duplicates = 0, outOfSequence = 0;
            int reconnected = 0;
            int lossyStreamsOpen = 0;
            String firstLoss = null;
            for (SoakSubscriber s : subscribers) {
                long last = publishers.nextSeq(topics.indexOf(s.topic())) - 1;
                List<Long> missing = s.missing(last);
                delivered += last + 1 - missing.size() + s.duplicates();
                connections += s.connections();
                if (s.connections() > 1) {
                    reconnected++;
                }
                lost += missing.size();
                duplicates += s.duplicates();
                outOfSequence += s.outOfSequence();
                if (!missing.isEmpty() && firstLoss == null) {
                    firstLoss = s.getName() + " (" + s.topic() + ", " + s.connections() + " connections, stream "
                            + (s.connected() ? "still open" : "closed") + ", last update " + s.lastSeq() + " of " + last
                            + ", first problem: " + s.firstProblem() + ") never received " + missing.size()
                            + " updates, first " + missing.subList(0, Math.min(5, missing.size()));
                }
                if (!missing.isEmpty() && s.connected()) {
                    lossyStreamsOpen++;
                }
            }
            if (publishers.errors.sum() > 0) {
                failures.add(publishers.errors.sum() + " publishes failed, first: " + publishers.firstError);
            }
            if (lost > 0) {
                failures.add(lost + " updates lost (" + lossyStreamsOpen + " of the subscribers missing updates still had"
                        + " their stream open: the hub stopped writing to it without ending it); " + firstLoss);
            }
            if (duplicates > 0 || outOfSequence > 0) {
                String first = subscribers.stream().map(SoakSubscriber::firstProblem).filter(p -> p != null).findFirst().orElse("");
                failures.add(duplicates + " duplicated and " + outOfSequence + " out-of-sequence deliveries; first: " + first);
            }
            return new Verdict(published, delivered, connections, reconnected, lost, duplicates, outOfSequence, failures);
        }

        /** Ends every connection of this load. */
        void stop() throws InterruptedException {
            churning = false;
            for (Thread t : churnThreads) {
                t.join(5000);
            }
            subscribers.forEach(SoakSubscriber::shutdown);
            for (SoakSubscriber s : subscribers) {
                s.join(5000);
            }
            publishers.close();
        }
    }
}
