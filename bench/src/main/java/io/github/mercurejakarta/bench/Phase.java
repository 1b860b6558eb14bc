package io.github.mercurejakarta.bench;

/**
 * The figures of one phase of one target: a cold (warm-up) or warm run at {@code subscribers}
 * connections. Times in ms unless named otherwise; memory in KiB; {@code loadAverage} is the machine's
 * 1-minute load average at the end of the phase (this VM is shared). {@code retainedIdle} /
 * {@code retainedConnected}: live heap after a full GC and native memory outside the heap (NMT), before the
 * first subscriber connected and once this step's subscribers were connected.
 */
record Phase(String target, String label, int subscribers, int connected, int failed, int closedByHub,
             double connectSeconds, long rssIdleKib, long rssConnectedKib, long rssPeakKib,
             double publishPerSecond, double publishP50, double publishP99, long publishErrors, long publishLate,
             long deliveries, double deliveriesPerSecond, double p50, double p90, double p99, double max,
             double cpuSeconds, double cpuMicrosPerDelivery, double loadAverage,
             ProcessStats.Retained retainedIdle, ProcessStats.Retained retainedConnected) {

    /** KiB of hub RSS per connection: (after connecting − idle) / connected. */
    double kibPerConnection() {
        return connected == 0 ? Double.NaN : (rssConnectedKib - rssIdleKib) / (double) connected;
    }

    /** KiB of live heap (after a full GC) per connection: (after connecting − idle) / connected. */
    double heapKibPerConnection() {
        return perConnection(retainedIdle.heapKib(), retainedConnected.heapKib());
    }

    /** KiB of native memory outside the heap (NMT committed) per connection. */
    double nativeKibPerConnection() {
        return perConnection(retainedIdle.nativeKib(), retainedConnected.nativeKib());
    }

    /** KiB of NMT's "Other" (direct and {@code Unsafe} buffers) per connection, part of {@link #nativeKibPerConnection()}. */
    double directKibPerConnection() {
        return perConnection(retainedIdle.directKib(), retainedConnected.directKib());
    }

    /** Retained KiB per connection: live heap + native memory, or NaN when either is unknown. */
    double retainedKibPerConnection() {
        return heapKibPerConnection() + nativeKibPerConnection();
    }

    private double perConnection(long idle, long connectedKib) {
        return connected == 0 || idle < 0 || connectedKib < 0 ? Double.NaN : (connectedKib - idle) / (double) connected;
    }
}
