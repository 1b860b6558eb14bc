package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one invocation as Markdown (a section of {@code bench/RESULTS.md}, replaced when the same
 * scenario runs again against the same targets), a CSV and a PNG plot in {@code bench/results/}.
 */
final class Report {

    /** The floor targets, in the order their ratios are shown. */
    static final List<String> FLOORS = List.of("node-floor", "floor");

    private final Scenario scenario;
    private final String command;
    private final Map<String, Bench.Run> runs;
    private final HubTarget.Settings settings;
    private final String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substring(0, 16);

    Report(Scenario scenario, String command, Map<String, Bench.Run> runs, HubTarget.Settings settings) {
        this.scenario = scenario;
        this.command = command;
        this.runs = runs;
        this.settings = settings;
    }

    private String key() {
        return scenario.name() + ":" + String.join(",", runs.keySet());
    }

    private String fileBase() {
        return scenario.name() + "-" + String.join("-", runs.keySet());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(scenario.name()).append(": ").append(scenario.description()).append(" — ")
                .append(String.join(", ", runs.keySet())).append("\n\n");
        md.append("`").append(command).append("` — ").append(date).append("; ").append(machine()).append("; hub JVM options `")
                .append(String.join(" ", settings.jvmOptions())).append("`")
                .append(runs.containsKey("liberty") && !settings.libertyJvmOptions().equals(settings.jvmOptions())
                        ? ", Liberty's `" + String.join(" ", settings.libertyJvmOptions()) + "`" : "")
                .append("; cold = the first ")
                .append(fmt(scenario.warmupSeconds(), 0)).append(" s of publishing after start, warm = the next ")
                .append(fmt(scenario.measureSeconds(), 0)).append(" s").append(scenario.ramp() ? " at each step" : "")
                .append(".\n\n");
        md.append("| target | phase | N | connected / failed | connect all s | publish/s | publish p50 / p99 ms | deliveries/s"
                + " | delivery p50 | p90 | p99 | max ms | hub CPU µs/delivery | KiB/conn (RSS) | retained KiB/conn = heap + native (direct) | hub RSS idle / connected / peak MiB | load avg |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : runs.entrySet()) {
            for (Phase p : e.getValue().phases()) {
                md.append("| ").append(p.target()).append(" | ").append(p.label()).append(" | ").append(String.format(Locale.ROOT, "%,d", p.subscribers()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d / %d", p.connected(), p.failed() + p.closedByHub()))
                        .append(" | ").append(fmt(p.connectSeconds(), 2))
                        .append(" | ").append(fmt(p.publishPerSecond(), 0))
                        .append(" | ").append(fmt(p.publishP50(), 2)).append(" / ").append(fmt(p.publishP99(), 1))
                        .append(p.publishErrors() > 0 ? " (" + p.publishErrors() + " errors)" : "")
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", p.deliveriesPerSecond()))
                        .append(" | ").append(fmt(p.p50(), 2)).append(" | ").append(fmt(p.p90(), 2))
                        .append(" | ").append(fmt(p.p99(), 2)).append(" | ").append(fmt(p.max(), 1))
                        .append(" | ").append(fmt(p.cpuMicrosPerDelivery(), 1))
                        .append(" | ").append(fmt(p.kibPerConnection(), 1))
                        .append(" | ").append(retained(p))
                        .append(" | ").append(fmt(p.rssIdleKib() / 1024.0, 0)).append(" / ")
                        .append(fmt(p.rssConnectedKib() / 1024.0, 0)).append(" / ").append(fmt(p.rssPeakKib() / 1024.0, 0))
                        .append(" | ").append(fmt(p.loadAverage(), 1)).append(" |\n");
            }
        }
        // the floors measured in this invocation: Node's (node:http) and Java NIO's; a hub's cost is read against each
        List<String> floors = FLOORS.stream().filter(f -> runs.containsKey(f) && !runs.get(f).phases().isEmpty()).toList();
        if (!floors.isEmpty() && runs.size() > floors.size()) {
            md.append("\nHub CPU per delivery against the floors (same phase and N; lower is better, 1.0× = as cheap as that floor):\n\n");
            md.append("| target | phase | N | hub CPU µs/delivery |");
            floors.forEach(f -> md.append(" × ").append(f).append(" |"));
            md.append("\n|---|---|---:|---:|");
            floors.forEach(f -> md.append("---:|"));
            md.append('\n');
            for (var e : runs.entrySet()) {
                if (FLOORS.contains(e.getKey())) {
                    continue;
                }
                for (Phase p : e.getValue().phases()) {
                    md.append("| ").append(p.target()).append(" | ").append(p.label()).append(" | ")
                            .append(String.format(Locale.ROOT, "%,d", p.subscribers())).append(" | ")
                            .append(fmt(p.cpuMicrosPerDelivery(), 1)).append(" |");
                    for (String f : floors) {
                        Phase q = floorPhase(f, p);
                        md.append(' ').append(q == null ? "–" : ratio2(p.cpuMicrosPerDelivery(), q.cpuMicrosPerDelivery())
                                + " " + f).append(" |");
                    }
                    md.append('\n');
                }
            }
            md.append("\nOther ratios to the floors (same phase and N; lower is better):\n\n");
            md.append("| target | phase | N | floor | delivery p50 | p99 | hub CPU per delivery | KiB/conn (RSS) | retained KiB/conn |\n"
                    + "|---|---|---:|---|---:|---:|---:|---:|---:|\n");
            for (var e : runs.entrySet()) {
                if (FLOORS.contains(e.getKey())) {
                    continue;
                }
                for (Phase p : e.getValue().phases()) {
                    for (String floor : floors) {
                        Phase f = floorPhase(floor, p);
                        if (f == null) {
                            continue;
                        }
                        md.append("| ").append(p.target()).append(" | ").append(p.label()).append(" | ")
                                .append(String.format(Locale.ROOT, "%,d", p.subscribers())).append(" | ").append(floor)
                                .append(" | ").append(ratio(p.p50(), f.p50())).append(" | ").append(ratio(p.p99(), f.p99()))
                                .append(" | ").append(ratio(p.cpuMicrosPerDelivery(), f.cpuMicrosPerDelivery()))
                                .append(" | ").append(ratio(p.kibPerConnection(), f.kibPerConnection()))
                                .append(" | ").append(ratio(p.retainedKibPerConnection(), f.retainedKibPerConnection())).append(" |\n");
                    }
                }
            }
        }
        md.append("\nEvents, checked per subscriber by sequence over the whole run:\n\n");
        md.append("| target | expected | received | lost | duplicated | out of order | notes |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (var e : runs.entrySet()) {
            SubscriberPool.Integrity i = e.getValue().integrity();
            String note = e.getValue().error() == null ? "" : e.getValue().error().replace("|", "/");
            if (i != null && i.firstLoss() != null) {
                note = (note.isEmpty() ? "" : note + "; ") + "first loss: " + i.firstLoss();
            }
            if (i == null) {
                md.append("| ").append(e.getKey()).append(" | | | | | | ").append(note).append(" |\n");
            } else {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %s |%n", e.getKey(), i.expected(),
                        i.received(), i.lost(), i.duplicated(), i.outOfOrder(), note));
            }
        }
        md.append("\n![").append(scenario.name()).append(": latency percentiles and deliveries/s against N](results/")
                .append(fileBase()).append(".png)\n");
        return md.toString();
    }

    /** The phase of floor target {@code floor} with {@code p}'s label and N, or null. */
    private Phase floorPhase(String floor, Phase p) {
        return runs.get(floor).phases().stream()
                .filter(q -> q.label().equals(p.label()) && q.subscribers() == p.subscribers()).findFirst().orElse(null);
    }

    /**
     * One line per phase of each hub: its CPU per delivery as a multiple of each floor's in the same phase, e.g.
     * {@code standalone warm N=1,000: 8.6 µs/delivery = 1.10× node-floor, 1.43× floor}.
     */
    List<String> floorLines() {
        List<String> floors = FLOORS.stream().filter(f -> runs.containsKey(f) && !runs.get(f).phases().isEmpty()).toList();
        List<String> lines = new java.util.ArrayList<>();
        if (floors.isEmpty()) {
            return lines;
        }
        for (var e : runs.entrySet()) {
            if (FLOORS.contains(e.getKey())) {
                continue;
            }
            for (Phase p : e.getValue().phases()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s N=%,d: %s µs/delivery =", p.target(),
                        p.label(), p.subscribers(), fmt(p.cpuMicrosPerDelivery(), 1)));
                String sep = " ";
                for (String f : floors) {
                    Phase q = floorPhase(f, p);
                    line.append(sep).append(q == null ? "–" : ratio2(p.cpuMicrosPerDelivery(), q.cpuMicrosPerDelivery())).append(' ').append(f);
                    sep = ", ";
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    void write(Path benchDir) throws IOException {
        Path results = benchDir.resolve("results");
        Files.createDirectories(results);
        StringBuilder csv = new StringBuilder("target,phase,n,connected,failed,closed_by_hub,connect_s,publish_per_s,"
                + "publish_p50_ms,publish_p99_ms,publish_errors,publish_late,deliveries,deliveries_per_s,p50_ms,p90_ms,p99_ms,"
                + "max_ms,hub_cpu_s,hub_cpu_us_per_delivery,rss_idle_kib,rss_connected_kib,rss_peak_kib,kib_per_conn,"
                + "heap_idle_kib,heap_connected_kib,native_idle_kib,native_connected_kib,direct_idle_kib,direct_connected_kib,"
                + "retained_kib_per_conn,load_avg\n");
        for (Bench.Run r : runs.values()) {
            for (Phase p : r.phases()) {
                csv.append(String.join(",", p.target(), p.label(), "" + p.subscribers(), "" + p.connected(), "" + p.failed(),
                        "" + p.closedByHub(), fmt(p.connectSeconds(), 3), fmt(p.publishPerSecond(), 1), fmt(p.publishP50(), 3),
                        fmt(p.publishP99(), 3), "" + p.publishErrors(), "" + p.publishLate(), "" + p.deliveries(),
                        fmt(p.deliveriesPerSecond(), 1), fmt(p.p50(), 3), fmt(p.p90(), 3), fmt(p.p99(), 3), fmt(p.max(), 3),
                        fmt(p.cpuSeconds(), 2), fmt(p.cpuMicrosPerDelivery(), 2), "" + p.rssIdleKib(), "" + p.rssConnectedKib(),
                        "" + p.rssPeakKib(), fmt(p.kibPerConnection(), 2),
                        "" + p.retainedIdle().heapKib(), "" + p.retainedConnected().heapKib(),
                        "" + p.retainedIdle().nativeKib(), "" + p.retainedConnected().nativeKib(),
                        "" + p.retainedIdle().directKib(), "" + p.retainedConnected().directKib(),
                        fmt(p.retainedKibPerConnection(), 2), fmt(p.loadAverage(), 2))).append('\n');
            }
        }
        Files.writeString(results.resolve(fileBase() + ".csv"), csv);
        Plot.write(results.resolve(fileBase() + ".png"), scenario.name() + ": " + scenario.description(), runs);

        Path file = benchDir.resolve("RESULTS.md");
        String text = Files.isRegularFile(file) ? Files.readString(file) : """
                # Load benchmark results

                Written by `bench/run` (see `bench/README.md`): each section is the last run of one scenario against
                one set of targets; a new run replaces its section. Absolute figures on a shared 2-core VM are noise
                (±20 % between runs); the ratios to the floor, measured in the same invocation, are the result.

                """;
        String begin = "<!-- bench:" + key() + " -->\n";
        String end = "<!-- /bench:" + key() + " -->\n";
        String section = begin + markdown() + end;
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        text = b >= 0 && e > b ? text.substring(0, b) + section + text.substring(e + end.length()) : text + "\n" + section;
        Files.writeString(file, text);
        System.out.println("written: " + file + ", " + results.resolve(fileBase() + ".png"));
    }

    private static String machine() {
        String cpu = "?";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException ignored) {
            // not Linux: leave it out
        }
        return String.format(Locale.ROOT, "nproc %d (%s), %.1f GiB, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                cpu, memKib / 1024.0 / 1024.0, System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
    }

    /** "total = heap + native (direct)" KiB per connection; a dash for what was not measured. */
    private static String retained(Phase p) {
        if (Double.isNaN(p.heapKibPerConnection())) {
            return "–";
        }
        if (Double.isNaN(p.nativeKibPerConnection())) {
            return fmt(p.heapKibPerConnection(), 2) + " (heap; no NMT)";
        }
        return fmt(p.retainedKibPerConnection(), 2) + " = " + fmt(p.heapKibPerConnection(), 2) + " + "
                + fmt(p.nativeKibPerConnection(), 2) + " (" + fmt(p.directKibPerConnection(), 2) + ")";
    }

    private static String ratio(double v, double floor) {
        return Double.isNaN(v) || Double.isNaN(floor) || floor <= 0 ? "–" : fmt(v / floor, 1) + "×";
    }

    /** Two decimals: the criteria (e.g. 0.85× the node floor) are read off these. */
    private static String ratio2(double v, double floor) {
        return Double.isNaN(v) || Double.isNaN(floor) || floor <= 0 ? "–" : fmt(v / floor, 2) + "×";
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
