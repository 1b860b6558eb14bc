package io.github.mercurejakarta.hub;

import static io.github.mercurejakarta.hub.StreamMaintenance.KeepAlive.COMMENT;
import static io.github.mercurejakarta.hub.StreamMaintenance.KeepAlive.NOTHING;
import static io.github.mercurejakarta.hub.StreamMaintenance.KeepAlive.PROBE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive sweep's decision per stream, on made-up clock readings: a comment is due one sweep
 * before the interval is up (so it goes out at most one interval after the last write), and where only a
 * write finds a closed connection, probes follow it about half a second apart. The ITs measure the real
 * timings on each server.
 */
class StreamMaintenanceTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The default 15 s interval: sweeps every 250 ms, a comment due after 14.75 s, each probe 0.25 s after the last write. */
    private static final long DUE = 15 * S - 250 * MS;
    private static final long PROBE_AFTER = 250 * MS;
    private static final long T0 = 1_000 * S;

    @Test
    void theSweepRunsFourTimesPerIntervalAtMostEveryQuarterSecond() {
        assertEquals(250, StreamMaintenance.sweepMillis(Duration.ofSeconds(15)));
        assertEquals(250, StreamMaintenance.sweepMillis(Duration.ofSeconds(1)));
        assertEquals(125, StreamMaintenance.sweepMillis(Duration.ofMillis(500)));
    }

    @Test
    void aStreamGetsItsCommentOneSweepBeforeItsIntervalIsUp() {
        assertEquals(NOTHING, StreamMaintenance.decide(T0 + DUE - 1, T0, 0, 0, DUE, PROBE_AFTER));
        // the last sweep before the interval is up sends it: the next one would be late
        assertEquals(COMMENT, StreamMaintenance.decide(T0 + DUE, T0, 0, 0, DUE, PROBE_AFTER));
        assertEquals(COMMENT, StreamMaintenance.decide(T0 + 15 * S - 1, T0, 0, 0, DUE, PROBE_AFTER));
    }

    @Test
    void aKeepAliveIsFollowedByItsProbes() {
        long written = T0 + 15 * S; // the keep-alive queued at T0 + DUE completed here
        long queued = T0 + DUE;
        assertEquals(NOTHING, StreamMaintenance.decide(written + PROBE_AFTER - 1, written, queued, 2, DUE, PROBE_AFTER));
        assertEquals(PROBE, StreamMaintenance.decide(written + PROBE_AFTER, written, queued, 2, DUE, PROBE_AFTER));
        assertEquals(PROBE, StreamMaintenance.decide(written + PROBE_AFTER, written, queued, 1, DUE, PROBE_AFTER), "the second");
        assertEquals(NOTHING, StreamMaintenance.decide(written + PROBE_AFTER, written, queued, 0, DUE, PROBE_AFTER),
                "none once they went out, nor where the front end reports closes itself");
    }

    @Test
    void noSecondCommentWhileTheFirstIsNotWritten() {
        long queued = T0 + DUE;
        assertEquals(NOTHING, StreamMaintenance.decide(T0 + 40 * S, T0, queued, 2, DUE, PROBE_AFTER),
                "a stalled connection is not filled with comments; the dispatch timeout ends it");
        assertEquals(COMMENT, StreamMaintenance.decide(queued + 2 * DUE, queued + MS, queued, 0, DUE, PROBE_AFTER));
    }
}
