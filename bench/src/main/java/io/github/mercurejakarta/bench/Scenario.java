package io.github.mercurejakarta.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A named load: subscribers per step ({@code steps}; one step is a steady run, several a ramp), topics,
 * publishes per second, and how long the cold (warm-up) and the measured phases last.
 *
 * <pre>{@code
 * Scenario s1 = Scenario.named("S1");   // 1,000 subscribers, 10 topics, 200/s, 20 s cold + 20 s warm
 * }</pre>
 */
record Scenario(String name, String description, List<Integer> steps, int topics, double rate,
                double warmupSeconds, double measureSeconds, int publishers) {

    /** A ramp stops at the first step whose delivery p99 exceeds this, or where a connection fails. */
    static final double RAMP_P99_LIMIT_MS = 1000;

    static Scenario named(String name) {
        return switch (name) {
            case "S1" -> new Scenario("S1", "1,000 subscribers, 10 topics, 200 publishes/s, 20 s",
                    List.of(1000), 10, 200, 20, 20, 5);
            case "R1" -> new Scenario("R1", "ramp at 10 publishes/s, 10 topics, up to 19,800 subscribers",
                    List.of(1000, 2500, 5000, 10000, 15000, 19800), 10, 10, 20, 10, 5);
            case "R2" -> new Scenario("R2", "ramp at 200 publishes/s, 10 topics, 1,000 to 5,000 subscribers",
                    List.of(1000, 2000, 3000, 4000, 5000), 10, 200, 20, 10, 5);
            // the publish path: one topic at 5,000/s over 4 concurrent keep-alive connections (4 streams on
            // the topic, each in order); one sequential connection measures the round trip, not the hub
            case "P1" -> new Scenario("P1", "10 subscribers, 1 topic, 5,000 publishes/s, 10 s",
                    List.of(10), 1, 5000, 10, 10, 4);
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (S1, R1, R2, P1)");
        };
    }

    boolean ramp() {
        return steps.size() > 1;
    }

    Scenario withSteps(String csv) {
        return new Scenario(name, description + " (steps " + csv + ")",
                Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList(),
                topics, rate, warmupSeconds, measureSeconds, publishers);
    }

    Scenario withTimes(double warmup, double measure) {
        return new Scenario(name, description, steps, topics, rate, warmup, measure, publishers);
    }
}
