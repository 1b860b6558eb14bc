package io.github.mercurejakarta.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A named load: subscribers per step ({@code steps}; one step is a steady run, several a ramp), topics,
 * publishes per second (one {@code rate}, or a ramp of {@code rates} with the subscribers fixed), how long the
 * cold (warm-up) and the measured phases last, and the targets it runs against unless told.
 *
 * <pre>{@code
 * Scenario s1 = Scenario.named("S1");   // 1,000 subscribers, 10 topics, 200/s, 20 s cold + 20 s warm
 * }</pre>
 */
record Scenario(String name, String description, List<Integer> steps, int topics, double rate,
                double warmupSeconds, double measureSeconds, int publishers, List<Double> rates, String defaultTargets) {

    /** A ramp stops at the first step whose delivery p99 exceeds this, or where a connection fails. */
    static final double RAMP_P99_LIMIT_MS = 1000;
    /** A rate ramp (P2) stops at the first step whose publish p99 exceeds this, or that loses updates. */
    static final double RATE_RAMP_PUBLISH_P99_LIMIT_MS = 10;

    static Scenario named(String name) {
        return switch (name) {
            // both floors: the hub's CPU per delivery is read against Node's and Java NIO's
            case "S1" -> new Scenario("S1", "1,000 subscribers, 10 topics, 200 publishes/s, 20 s",
                    List.of(1000), 10, 200, 20, 20, 5, List.of(), "node-floor,floor,standalone");
            case "R1" -> new Scenario("R1", "ramp at 10 publishes/s, 10 topics, up to 19,800 subscribers",
                    List.of(1000, 2500, 5000, 10000, 15000, 19800), 10, 10, 20, 10, 5, List.of(), "floor,standalone");
            case "R2" -> new Scenario("R2", "ramp at 200 publishes/s, 10 topics, 1,000 to 5,000 subscribers",
                    List.of(1000, 2000, 3000, 4000, 5000), 10, 200, 20, 10, 5, List.of(), "floor,standalone");
            // the publish path: one topic at 5,000/s over 4 concurrent keep-alive connections (4 streams on
            // the topic, each in order); one sequential connection measures the round trip, not the hub
            case "P1" -> new Scenario("P1", "10 subscribers, 1 topic, 5,000 publishes/s, 10 s",
                    List.of(10), 1, 5000, 10, 10, 4, List.of(), "floor,standalone");
            // the highest sustainable publish rate: P1's shape, the rate raised step by step until publish p99 > 10 ms
            case "P2" -> new Scenario("P2", "10 subscribers, 1 topic, publish rate ramp 1,000 → 30,000/s until publish p99 > 10 ms",
                    List.of(10), 1, 1000, 10, 10, 4, List.of(1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 8000.0, 10000.0, 12000.0, 16000.0, 20000.0, 25000.0, 30000.0),
                    "standalone,standalone-file");
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (S1, R1, R2, P1, P2)");
        };
    }

    boolean ramp() {
        return steps.size() > 1;
    }

    /** A ramp of publish rates at a fixed number of subscribers (P2). */
    boolean rateRamp() {
        return !rates.isEmpty();
    }

    /** {@code --steps}: subscribers per step, or publishes/s per step in a rate ramp. */
    Scenario withSteps(String csv) {
        if (rateRamp()) {
            return new Scenario(name, description + " (rates " + csv + ")", steps, topics, rate, warmupSeconds, measureSeconds,
                    publishers, Arrays.stream(csv.split(",")).map(String::trim).map(Double::parseDouble).toList(), defaultTargets);
        }
        return new Scenario(name, description + " (steps " + csv + ")",
                Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList(),
                topics, rate, warmupSeconds, measureSeconds, publishers, rates, defaultTargets);
    }

    Scenario withTimes(double warmup, double measure) {
        return new Scenario(name, description, steps, topics, rate, warmup, measure, publishers, rates, defaultTargets);
    }
}
