package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * What the process retains: the heap in use after a full GC ({@link #heapAfterGcKib()}) and the native
     * memory outside the heap that Native Memory Tracking counts as committed (the JVM must run with
     * {@code -XX:NativeMemoryTracking=summary}): thread stacks, direct and {@code Unsafe} buffers (Netty's
     * pooled arenas are in NMT's "Other"), GC structures, code, metaspace, the JVM's own mallocs; not the JIT
     * compilers' working memory (NMT's "Compiler" and "Arena Chunk", which come and go by megabytes with
     * compilations and have nothing to do with connections). Pages the
     * heap touched once and kept (RSS) are not in it; neither are the kernel's socket buffers.
     *
     * @return the figures, with -1 for what jcmd could not tell
     */
    Retained retained() throws InterruptedException {
        long heap = heapAfterGcKib();
        String nmt = jcmd("VM.native_memory summary");
        long nativeKib = -1;
        long otherKib = -1;
        if (nmt != null) {
            java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
            java.util.regex.Matcher heapLine = java.util.regex.Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
            java.util.regex.Matcher other = java.util.regex.Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
            if (total.find() && heapLine.find()) {
                nativeKib = Long.parseLong(total.group(1)) - Long.parseLong(heapLine.group(1))
                        - category(nmt, "Compiler") - category(nmt, "Arena Chunk");
            }
            if (other.find()) {
                otherKib = Long.parseLong(other.group(1));
            }
        }
        return new Retained(heap, nativeKib, otherKib);
    }

    /** @return the committed KiB of one NMT category, 0 when absent */
    private static long category(String nmt, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-\\s+" + java.util.regex.Pattern.quote(name)
                + " \\(reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * Retained memory in KiB: live heap after a full GC, native memory committed outside the heap (NMT) and
     * the part of it in NMT's "Other" (direct buffers); -1 when unknown.
     */
    record Retained(long heapKib, long nativeKib, long directKib) {
        static final Retained UNKNOWN = new Retained(-1, -1, -1);
    }

    /** Writes {@code jcmd PID GC.class_histogram} (live objects: it runs a full GC) to {@code file}. */
    void classHistogram(Path file) throws InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        if (histogram != null) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, histogram);
            } catch (IOException e) {
                System.out.println("   cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private String jcmd(String command) throws InterruptedException {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            cmd.addAll(List.of(command.split(" ")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
