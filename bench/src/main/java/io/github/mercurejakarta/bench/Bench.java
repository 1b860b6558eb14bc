package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load benchmark: runs one scenario against each target in turn (the floor first), in this one load
 * process (publishers and subscribers share its clock), and writes the figures, with ratios to the floor,
 * to {@code bench/RESULTS.md}, {@code bench/results/<scenario>.csv} and {@code .png}.
 *
 * <pre>{@code
 * bench/run S1                                   # floor, standalone
 * bench/run R2 --targets floor,standalone,liberty --measure 10
 * }</pre>
 */
public final class Bench {

    /** JVM options of the floor and standalone targets (and of Liberty when only --hub-jvm is given). */
    static final String DEFAULT_HUB_JVM = "-Xms512m -Xmx512m -XX:+UseParallelGC";
    /**
     * The Liberty target's: what the README recommends for the embedded hub on Open Liberty. Liberty keeps
     * about 26 KiB of heap per open stream; a bounded young generation keeps ParallelGC's pauses short while
     * thousands of streams connect (with its default third of the heap they reached 0.4 s at 10,000 streams),
     * and ParallelGC costs less CPU per delivery than G1 (bench/RESULTS.md, 12:43–12:52).
     */
    static final String DEFAULT_LIBERTY_JVM = "-Xms1g -Xmx1g -XX:+UseParallelGC -Xmn96m";

    private final Scenario scenario;
    private final HubTarget.Settings settings;
    private final int selectorThreads;
    private final int publisherConnections;
    private final int dataSize;
    private final boolean measureRetained;
    private final boolean histograms;

    private Bench(Scenario scenario, HubTarget.Settings settings, int selectorThreads, int publisherConnections, int dataSize,
                  boolean measureRetained, boolean histograms) {
        this.scenario = scenario;
        this.settings = settings;
        this.selectorThreads = selectorThreads;
        this.publisherConnections = publisherConnections;
        this.dataSize = dataSize;
        this.measureRetained = measureRetained;
        this.histograms = histograms;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        String scenarioName = "S1";
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    usage("option " + args[i] + " needs a value");
                }
                opts.put(args[i].substring(2), args[++i]);
            } else {
                scenarioName = args[i];
            }
        }
        for (String k : opts.keySet()) {
            if (!List.of("targets", "steps", "warmup", "measure", "hub-jvm", "liberty-jvm", "jfr", "repo", "liberty-port",
                    "selector-threads", "publishers", "data-size", "retained", "histograms").contains(k)) {
                usage("unknown option --" + k);
            }
        }
        Scenario scenario = Scenario.named(scenarioName);
        if (opts.containsKey("steps")) {
            scenario = scenario.withSteps(opts.get("steps"));
        }
        scenario = scenario.withTimes(Double.parseDouble(opts.getOrDefault("warmup", "" + scenario.warmupSeconds())),
                Double.parseDouble(opts.getOrDefault("measure", "" + scenario.measureSeconds())));
        Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        // --hub-jvm '' = none: the JVM's own defaults
        List<String> jvm = new ArrayList<>(words(opts.getOrDefault("hub-jvm", DEFAULT_HUB_JVM)));
        // Liberty gets the setting docs/architecture.md recommends for the embedded hub unless told otherwise
        // (an explicit --hub-jvm alone still applies to every target, as before --liberty-jvm existed)
        List<String> libertyJvm = new ArrayList<>(words(opts.getOrDefault("liberty-jvm",
                opts.containsKey("hub-jvm") ? opts.get("hub-jvm") : DEFAULT_LIBERTY_JVM)));
        Path work = repo.resolve("bench/target");
        boolean retained = onOff(opts, "retained", true);
        for (List<String> options : List.of(jvm, libertyJvm)) {
            if (retained && options.stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
                options.add("-XX:NativeMemoryTracking=summary"); // the native part of the retained-memory figure
            }
        }
        if (opts.containsKey("jfr")) {
            // one recording per target, written at exit: jfr print --events jdk.ObjectAllocationSample FILE
            String jfr = "-XX:StartFlightRecording=settings=profile,filename=" + work.resolve("jfr") + "/"
                    + opts.get("jfr") + "-" + HubTarget.TARGET_PLACEHOLDER + ".jfr";
            jvm.add(jfr);
            libertyJvm.add(jfr);
            java.nio.file.Files.createDirectories(work.resolve("jfr"));
        }
        HubTarget.Settings settings = new HubTarget.Settings(repo, work, jvm, libertyJvm,
                Integer.parseInt(opts.getOrDefault("liberty-port", "19881")));
        Bench bench = new Bench(scenario, settings, Integer.parseInt(opts.getOrDefault("selector-threads", "2")),
                Integer.parseInt(opts.getOrDefault("publishers", "" + scenario.publishers())),
                Integer.parseInt(opts.getOrDefault("data-size", "100")), retained, onOff(opts, "histograms", false));

        List<String> targets = Arrays.asList(opts.getOrDefault("targets", scenario.defaultTargets()).split(","));
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String t : targets) {
            System.out.printf("== %s: %s against %s%n", scenario.name(), scenario.description(), t);
            try (HubTarget target = HubTarget.of(t.trim(), settings)) {
                runs.put(t.trim(), bench.run(target));
            } catch (IOException e) {
                System.out.println("   " + t + " failed: " + e.getMessage());
                runs.put(t.trim(), new Run(List.of(), null, e.getMessage()));
            }
        }
        String command = "bench/run " + String.join(" ", args);
        Report report = new Report(scenario, command, runs, settings);
        System.out.println();
        System.out.println(report.markdown());
        report.floorLines().forEach(l -> System.out.println("hub CPU per delivery: " + l + " (load avg " + loadAverage() + ")"));
        report.write(repo.resolve("bench"));
    }

    private static List<String> words(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean onOff(Map<String, String> opts, String name, boolean byDefault) {
        String v = opts.getOrDefault(name, byDefault ? "on" : "off");
        if (!v.equals("on") && !v.equals("off")) {
            usage("--" + name + " is on or off");
        }
        return v.equals("on");
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: bench/run [S1|R1|R2|P1|P2] [--targets node-floor,floor,standalone,standalone-defaults,standalone-file,standalone-jaxrs,liberty] [--steps N1,N2,...]"
                + " [--warmup S] [--measure S] [--hub-jvm 'OPTS'] [--liberty-jvm 'OPTS'] [--jfr NAME] [--liberty-port P]"
                + " [--selector-threads K] [--publishers P] [--data-size BYTES] [--retained on|off] [--histograms on|off]");
        System.exit(2);
    }

    /** What one target did: its phases, the sequence check at the end, or why it could not run. */
    record Run(List<Phase> phases, SubscriberPool.Integrity integrity, String error) {
    }

    private Run run(HubTarget target) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        target.start();
        System.out.printf("   %s ready in %.1f s (pid %d)%n", target.name, (System.nanoTime() - t0) / 1e9, target.stats().pid());
        ProcessStats stats = target.stats();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < scenario.topics(); i++) {
            topics.add("https://bench.example/topics/" + i);
        }
        List<Phase> phases = new ArrayList<>();
        Publishers publishers = new Publishers(target.address(), target.path(), PublisherToken.mint(HubTarget.PUBLISHER_SECRET),
                topics, publisherConnections, dataSize);
        String error = null;
        SubscriberPool.Integrity integrity;
        try (SubscriberPool pool = new SubscriberPool(target.address(), target.path(), topics, selectorThreads)) {
            long rssIdle = stats.rssKib();
            ProcessStats.Retained retainedIdle = retained(target, 0);
            boolean first = true;
            for (int n : scenario.steps()) {
                long c0 = System.nanoTime();
                pool.connect(n, publishers, TimeUnit.SECONDS.toNanos(60 + n / 100));
                double connectSeconds = (System.nanoTime() - c0) / 1e9;
                long rssConnected = stats.rssKib();
                ProcessStats.Retained retainedConnected = retained(target, n);
                System.out.printf("   %,d subscribers: %,d connected, %,d failed in %.2f s; RSS %,d KiB (idle %,d);"
                                + " heap after GC %,d KiB (idle %,d), native %,d KiB (idle %,d), of which direct %,d (idle %,d)%n",
                        n, pool.connected.get(), pool.failed.get(), connectSeconds, rssConnected, rssIdle,
                        retainedConnected.heapKib(), retainedIdle.heapKib(), retainedConnected.nativeKib(), retainedIdle.nativeKib(),
                        retainedConnected.directKib(), retainedIdle.directKib());
                Phase last = null;
                if (scenario.rateRamp()) {
                    error = rateRamp(target, n, pool, publishers, phases, connectSeconds, rssIdle, rssConnected,
                            retainedIdle, retainedConnected);
                    break;
                }
                if (first && scenario.warmupSeconds() > 0) {
                    last = phase(target, "cold", n, pool, publishers, scenario.rate(), scenario.warmupSeconds(), connectSeconds,
                            rssIdle, rssConnected, retainedIdle, retainedConnected);
                    phases.add(last);
                }
                first = false;
                last = phase(target, "warm", n, pool, publishers, scenario.rate(), scenario.measureSeconds(),
                        connectSeconds, rssIdle, rssConnected, retainedIdle, retainedConnected);
                phases.add(last);
                if (pool.failed.get() > 0 || pool.closedByHub.get() > 0) {
                    error = "stopped at " + n + ": " + pool.failed.get() + " failed, " + pool.closedByHub.get()
                            + " closed by the hub (first: " + pool.firstFailure + ")";
                    break;
                }
                if (scenario.ramp() && last.p99() > Scenario.RAMP_P99_LIMIT_MS) {
                    error = "stopped at " + n + ": delivery p99 " + Math.round(last.p99()) + " ms > 1 s";
                    break;
                }
            }
            drain(pool, publishers);
            integrity = pool.integrity(publishers);
            if (pool.eventsWithoutId.sum() > 0) {
                error = (error == null ? "" : error + "; ") + pool.eventsWithoutId.sum() + " events without an id";
            }
            if (pool.foreignEvents.sum() > 0) {
                error = (error == null ? "" : error + "; ") + pool.foreignEvents.sum() + " events of another topic";
            }
        } finally {
            publishers.close();
        }
        if (error != null) {
            System.out.println("   " + error);
        }
        return new Run(phases, integrity, error);
    }

    /**
     * P2: the publish rate raised step by step at a fixed N (a cold phase at the first rate, then one phase per
     * rate), stopping at the first step that is not sustained: publish p99 over
     * {@value Scenario#RATE_RAMP_PUBLISH_P99_LIMIT_MS} ms, an update lost (sequence check after the drain), a
     * publish refused, or fewer than 95 % of the rate achieved (sequential connections fall behind their schedule
     * when the hub answers slowly, and their p99 alone would not show it).
     *
     * @return the highest sustained rate and why the ramp stopped (a note of the report's events table)
     */
    private String rateRamp(HubTarget target, int n, SubscriberPool pool, Publishers publishers, List<Phase> phases,
                            double connectSeconds, long rssIdle, long rssConnected, ProcessStats.Retained retainedIdle,
                            ProcessStats.Retained retainedConnected) throws InterruptedException {
        List<Double> rates = scenario.rates();
        if (scenario.warmupSeconds() > 0) {
            phases.add(phase(target, "cold", n, pool, publishers, rates.get(0), scenario.warmupSeconds(), connectSeconds,
                    rssIdle, rssConnected, retainedIdle, retainedConnected));
        }
        double sustained = Double.NaN;
        String stop = null;
        for (double rate : rates) {
            Phase p = phase(target, String.format(java.util.Locale.ROOT, "%.0f/s", rate), n, pool, publishers, rate,
                    scenario.measureSeconds(), connectSeconds, rssIdle, rssConnected, retainedIdle, retainedConnected);
            phases.add(p);
            long lost = pool.integrity(publishers).lost();
            if (p.publishP99() > Scenario.RATE_RAMP_PUBLISH_P99_LIMIT_MS) {
                stop = String.format(java.util.Locale.ROOT, "stopped at %.0f/s: publish p99 %.1f ms > %.0f ms", rate,
                        p.publishP99(), Scenario.RATE_RAMP_PUBLISH_P99_LIMIT_MS);
            } else if (lost > 0) {
                stop = String.format(java.util.Locale.ROOT, "stopped at %.0f/s: %d updates lost", rate, lost);
            } else if (p.publishErrors() > 0) {
                stop = String.format(java.util.Locale.ROOT, "stopped at %.0f/s: %d publishes failed", rate, p.publishErrors());
            } else if (p.publishPerSecond() < 0.95 * rate) {
                stop = String.format(java.util.Locale.ROOT, "stopped at %.0f/s: only %.0f publishes/s achieved", rate,
                        p.publishPerSecond());
            }
            if (stop != null) {
                break;
            }
            sustained = rate;
        }
        String result = Double.isNaN(sustained) ? "no rate sustained"
                : String.format(java.util.Locale.ROOT, "highest sustained: %.0f publishes/s", sustained);
        System.out.println("   " + target.name + ": " + result + (stop == null ? "" : "; " + stop));
        return result + (stop == null ? " (every rate of the ramp)" : "; " + stop);
    }

    private Phase phase(HubTarget target, String label, int n, SubscriberPool pool, Publishers publishers, double rate, double seconds,
                        double connectSeconds, long rssIdle, long rssConnected, ProcessStats.Retained retainedIdle,
                        ProcessStats.Retained retainedConnected) throws InterruptedException {
        ProcessStats stats = target.stats();
        pool.latencyMicros.getIntervalHistogram(); // discards what came before
        publishers.latencyMicros.getIntervalHistogram();
        long ok0 = publishers.ok.sum();
        long err0 = publishers.errors.sum();
        long late0 = publishers.late.sum();
        long d0 = pool.deliveries.sum();
        double cpu0 = stats.cpuSeconds();
        double elapsed = publishers.run(rate, seconds);
        drain(pool, publishers);
        double cpu = stats.cpuSeconds() - cpu0;
        long deliveries = pool.deliveries.sum() - d0;
        Histogram lat = pool.latencyMicros.getIntervalHistogram();
        Histogram pub = publishers.latencyMicros.getIntervalHistogram();
        Phase p = new Phase(target.name, label, n, pool.connected.get(), pool.failed.get(), pool.closedByHub.get(),
                connectSeconds, rssIdle, rssConnected, stats.peakRssKib(),
                (publishers.ok.sum() - ok0) / elapsed, ms(pub, 50), ms(pub, 99), publishers.errors.sum() - err0,
                publishers.late.sum() - late0, deliveries, deliveries / elapsed,
                ms(lat, 50), ms(lat, 90), ms(lat, 99), lat.getTotalCount() == 0 ? Double.NaN : lat.getMaxValue() / 1000.0,
                cpu, deliveries == 0 ? Double.NaN : cpu * 1e6 / deliveries, loadAverage(), retainedIdle, retainedConnected);
        System.out.printf("   %-5s N=%,d: %,.0f publishes/s (p99 %.1f ms, %d errors), %,.0f deliveries/s, latency p50 %.2f"
                        + " p90 %.2f p99 %.2f max %.1f ms, hub CPU %.1f µs/delivery%n",
                label, n, p.publishPerSecond(), p.publishP99(), p.publishErrors(), p.deliveriesPerSecond(),
                p.p50(), p.p90(), p.p99(), p.max(), p.cpuMicrosPerDelivery());
        if (publishers.firstError != null && p.publishErrors() > 0) {
            System.out.println("   first publish error: " + publishers.firstError);
        }
        return p;
    }

    /**
     * The target's retained memory now (full GC, live heap, NMT): with {@code --histogram}, its class
     * histogram too, in {@code bench/target/histograms/<target>-<N>.txt}.
     */
    private ProcessStats.Retained retained(HubTarget target, int n) throws InterruptedException {
        if (!measureRetained || !target.jvm()) {
            return ProcessStats.Retained.UNKNOWN;
        }
        ProcessStats.Retained r = target.stats().retained();
        if (histograms) {
            target.stats().classHistogram(target.settings.work().resolve("histograms").resolve(target.name + "-" + n + ".txt"));
        }
        return r;
    }

    /** The machine's 1-minute load average: other work on this shared VM shows up here. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Waits until every expected event arrived, or nothing arrived for 2 s (at most 15 s). */
    private static void drain(SubscriberPool pool, Publishers publishers) throws InterruptedException {
        long expected = pool.expectedDeliveries(publishers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long received = pool.received();
            if (received >= expected) {
                return;
            }
            if (received != last) {
                last = received;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            Thread.sleep(50); // polling counters that many threads move: no single event to wait for
        }
    }
}
