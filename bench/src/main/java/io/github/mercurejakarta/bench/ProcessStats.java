package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about the hub process: resident memory ({@code /proc/PID/status} VmRSS, and VmHWM, its
 * peak) and CPU time ({@code /proc/PID/stat} utime + stime, in clock ticks of {@code getconf CLK_TCK}).
 *
 * <pre>{@code
 * ProcessStats hub = new ProcessStats(pid);
 * double before = hub.cpuSeconds();
 * ... load ...
 * double microsPerDelivery = (hub.cpuSeconds() - before) * 1e6 / deliveries;
 * }</pre>
 */
final class ProcessStats {

    private static final long CLOCK_TICKS = clockTicks();

    private final long pid;

    ProcessStats(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** @return the resident set size in KiB (VmRSS). */
    long rssKib() {
        return statusField("VmRSS:");
    }

    /** @return the peak resident set size in KiB (VmHWM). */
    long peakRssKib() {
        return statusField("VmHWM:");
    }

    /** @return the number of threads (status Threads:), -1 when the process is gone. */
    long threads() {
        return statusField("Threads:");
    }

    /** @return the number of open file descriptors (entries of /proc/PID/fd: sockets, files, pipes, epoll). */
    long openFileDescriptors() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Runs a full GC in the process ({@code jcmd PID GC.run}), then sums the {@code used} figures of its heap
     * spaces ({@code jcmd PID GC.heap_info}; Metaspace and class space are not heap).
     *
     * @return the heap in use after that GC in KiB, -1 when jcmd cannot attach
     */
    long heapAfterGcKib() throws InterruptedException {
        if (jcmd("GC.run") == null) {
            return -1;
        }
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return -1;
        }
        long used = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(\\S.*?)\\s+total \\d+K, used (\\d+)K", java.util.regex.Pattern.MULTILINE)
                .matcher(info);
        while (m.find()) {
            if (!m.group(1).startsWith("Metaspace") && !m.group(1).startsWith("class space")) {
                used += Long.parseLong(m.group(2));
            }
        }
        return used;
    }

    private String jcmd(String command) throws InterruptedException {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return user + system CPU seconds the process used so far. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
