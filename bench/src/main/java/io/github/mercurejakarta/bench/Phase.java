package io.github.mercurejakarta.bench;

/**
 * The figures of one phase of one target: a cold (warm-up) or warm run at {@code subscribers}
 * connections. Times in ms unless named otherwise; memory in KiB; {@code loadAverage} is the machine's
 * 1-minute load average at the end of the phase (this VM is shared).
 */
record Phase(String target, String label, int subscribers, int connected, int failed, int closedByHub,
             double connectSeconds, long rssIdleKib, long rssConnectedKib, long rssPeakKib,
             double publishPerSecond, double publishP50, double publishP99, long publishErrors, long publishLate,
             long deliveries, double deliveriesPerSecond, double p50, double p90, double p99, double max,
             double cpuSeconds, double cpuMicrosPerDelivery, double loadAverage) {

    /** KiB of hub RSS per connection: (after connecting − idle) / connected. */
    double kibPerConnection() {
        return connected == 0 ? Double.NaN : (rssConnectedKib - rssIdleKib) / (double) connected;
    }
}
