package io.github.mercurejakarta.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the frames the hub pushes to the SSE streams of one event loop: one task per event loop for
 * whatever was pushed since it last ran (at most one per update, fewer under load), each update encoded
 * once into one direct buffer, duplicates of it written to every stream, then each stream flushed once.
 *
 * <p>Producers (the fan-out, the keep-alive timer, a starting stream's replay) append (sink, frame) pairs
 * under a short lock; frames of one update are one array shared by every subscriber, so an update is
 * recognised by identity. The task swaps the arrays and writes outside the lock.
 */
final class SseWriter implements Runnable {

    private static final int INITIAL = 256;

    private final EventLoop loop;
    private final ByteBufAllocator alloc;
    private final Object lock = new Object();
    /** Guarded by lock: what producers append to. */
    private SseChannelSink[] sinks = new SseChannelSink[INITIAL];
    private byte[][] frames = new byte[INITIAL][];
    /** Guarded by lock: when each frame was pushed (System.nanoTime), for the dispatch-latency metric. */
    private long[] pushed = new long[INITIAL];
    private int size;
    private boolean scheduled;
    /** Event loop only: the arrays of the previous pass, handed back to producers at the next swap. */
    private SseChannelSink[] spareSinks = new SseChannelSink[INITIAL];
    private byte[][] spareFrames = new byte[INITIAL][];
    private long[] sparePushed = new long[INITIAL];

    SseWriter(EventLoop loop, ByteBufAllocator alloc) {
        this.loop = loop;
        this.alloc = alloc;
    }

    EventLoop loop() {
        return loop;
    }

    /** Queues {@code frame} for {@code sink} (any thread; never blocks on I/O). */
    void add(SseChannelSink sink, byte[] frame) {
        boolean schedule;
        long now = System.nanoTime();
        synchronized (lock) {
            if (size == sinks.length) {
                sinks = Arrays.copyOf(sinks, size * 2);
                frames = Arrays.copyOf(frames, size * 2);
                pushed = Arrays.copyOf(pushed, size * 2);
            }
            sinks[size] = sink;
            frames[size] = frame;
            pushed[size] = now;
            size++;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        SseChannelSink[] s;
        byte[][] f;
        long[] t;
        int n;
        synchronized (lock) {
            s = sinks;
            f = frames;
            t = pushed;
            n = size;
            sinks = spareSinks;
            frames = spareFrames;
            pushed = sparePushed;
            size = 0;
            scheduled = false;
        }
        byte[] last = null;
        ByteBuf chunk = null;
        int offset = 0;
        try {
            for (int i = 0; i < n; i++) {
                byte[] frame = f[i];
                if (frame != last) {
                    if (chunk != null) {
                        chunk.release();
                    }
                    byte[] size = Integer.toHexString(frame.length).getBytes(StandardCharsets.US_ASCII);
                    offset = size.length + 2;
                    chunk = alloc.directBuffer(offset + frame.length + 2);
                    chunk.writeBytes(size).writeByte('\r').writeByte('\n').writeBytes(frame).writeByte('\r').writeByte('\n');
                    last = frame;
                }
                s[i].write(chunk, offset, frame.length);
            }
        } finally {
            if (chunk != null) {
                chunk.release();
            }
            for (int i = 0; i < n; i++) {
                s[i].flush();
            }
            long written = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s[i].written(t[i], written);
            }
            Arrays.fill(s, 0, n, null);
            Arrays.fill(f, 0, n, null);
            spareSinks = s;
            spareFrames = f;
            sparePushed = t;
        }
    }
}
