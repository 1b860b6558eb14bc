package io.github.mercurejakarta.server.netty;

import io.github.mercurejakarta.hub.DisconnectCause;
import io.github.mercurejakarta.hub.PushSink;
import io.github.mercurejakarta.hub.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * One SSE stream of the Netty front end: the hub pushes frames, the event loop's {@link SseWriter} writes
 * them as shared buffers.
 *
 * <p>Frames bypass the HTTP encoder: the writer encodes each update once per event loop as a complete
 * HTTP/1.1 chunk ({@code size CRLF frame CRLF}) and this sink writes a {@code retainedDuplicate()} of it
 * straight to the socket (an HTTP/1.0 client gets the frame alone, a slice of the same buffer, and the end
 * of the stream is the end of the connection). Once the response head is written the front end removes
 * the HTTP codec and the aggregator from the connection's pipeline, so an open stream holds no HTTP
 * decoder state; this sink writes from the context of the last handler, whose next outbound stop is the socket.
 *
 * <p>Backpressure: the connection is not writable once more than its high water mark is waiting for the
 * client; from then on, a stream with more than {@code mercure.hub.subscriber.queue.size} frames waiting is
 * closed ({@link DisconnectCause#QUEUE_OVERFLOW}), and the time it became unwritable is what the hub's
 * dispatch timeout looks at ({@link #stalledSinceNanos()}). A slow stream holds its own frames only.
 */
final class SseChannelSink implements PushSink {

    private static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    private final Channel channel;
    /**
     * The context frames are written from: the connection's last handler, with nothing but the socket
     * before it once the stream started (nothing is written earlier: {@link #write} waits for {@link #bind}).
     */
    private final ChannelHandlerContext raw;
    private final SseWriter writer;
    private final boolean chunked;
    private final int capacity;
    private final Executor closer;
    private volatile Subscriber subscriber;
    /** Set on the event loop; read by the hub's timer. 0 while the client keeps up. */
    private volatile long stalledSince;
    /** Event loop only: frames written since the last flush. */
    private int unflushed;
    /** Event loop only: the stream's end was written (or the connection is gone). */
    private boolean ended;
    private volatile boolean closing;
    /**
     * History frames of the replay that may wait beyond {@link #capacity}: a replay is bounded by the history,
     * and counting it would close a stream that reconnects further back than the bound. Set before the replay
     * is pushed; dropped on the event loop once every replayed frame was written and the connection drained
     * (writable again): the burst is over.
     */
    private volatile int replayAllowance;
    /** Replayed frames not yet handed to the connection; set with {@link #replayAllowance}, then lowered on the event loop. */
    private volatile int replayUnwritten;

    /**
     * @param raw      the context of the connection's last handler (the codec before it is gone when the stream starts)
     * @param chunked  HTTP/1.1 (chunked transfer coding); false for HTTP/1.0 (the connection delimits the body)
     * @param capacity most frames waiting for a slow client ({@code mercure.hub.subscriber.queue.size})
     * @param closer   where the subscriber is closed when the connection goes (its unregistering may block
     *                 on a remote transport, which the event loop must not)
     */
    SseChannelSink(Channel channel, ChannelHandlerContext raw, SseWriter writer, boolean chunked, int capacity,
                   Executor closer) {
        this.channel = channel;
        this.raw = raw;
        this.writer = writer;
        this.chunked = chunked;
        this.capacity = capacity;
        this.closer = closer;
    }

    /** Ties the sink to its subscriber before the stream starts; a closed connection closes the subscriber. */
    void bind(Subscriber s) {
        this.subscriber = s;
        channel.closeFuture().addListener(f -> closer.execute(() -> s.close(DisconnectCause.CLIENT_GONE)));
    }

    @Override
    public void push(byte[] frame) {
        if (!closing) {
            writer.add(this, frame);
        }
    }

    @Override
    public long stalledSinceNanos() {
        return stalledSince;
    }

    @Override
    public void replay(int frames) {
        replayUnwritten = frames;
        replayAllowance = frames; // the pushes that follow reach the event loop after both writes
    }

    /** Event loop: the connection's writability changed. */
    void writabilityChanged() {
        if (channel.isWritable()) {
            stalledSince = 0;
            if (replayUnwritten == 0) {
                replayAllowance = 0;
            }
        }
    }

    /**
     * Event loop: writes one shared chunk (not flushed). {@code chunk} holds the chunk framing; the frame
     * itself is {@code frameLength} bytes at {@code frameOffset}.
     */
    void write(ByteBuf chunk, int frameOffset, int frameLength) {
        if (ended || subscriber == null) {
            return; // ended, or a keep-alive pushed before the response head (the stream starts with its own comment)
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out == null || !channel.isActive()) {
            ended = true; // the close listener closes the subscriber
            return;
        }
        if (!channel.isWritable()) {
            if (stalledSince == 0) {
                stalledSince = System.nanoTime() | 1;
            }
            if (out.size() + unflushed >= capacity + replayAllowance) {
                ended = true;
                Subscriber s = subscriber;
                closer.execute(() -> s.close(DisconnectCause.QUEUE_OVERFLOW));
                return;
            }
        }
        raw.write(chunked ? chunk.retainedDuplicate() : chunk.retainedSlice(frameOffset, frameLength), raw.voidPromise());
        unflushed++;
        int replaying = replayUnwritten;
        if (replaying > 0) {
            replayUnwritten = replaying - 1; // the replay is pushed first (a keep-alive racing it may be counted instead: one frame early)
        }
    }

    /** Event loop: a frame pushed at {@code pushedNanos} went out at {@code writtenNanos} (latency metric). */
    void written(long pushedNanos, long writtenNanos) {
        Subscriber s = subscriber;
        if (s != null && !ended) {
            s.frameWritten(pushedNanos, writtenNanos);
        }
    }

    /** Event loop: flushes what {@link #write} wrote in this pass. */
    void flush() {
        if (unflushed > 0) {
            unflushed = 0;
            raw.flush();
        }
    }

    /**
     * Ends the stream: the last chunk, then the connection closes (any thread, idempotent). A stream ended
     * before its response head was written (not yet bound) just closes the connection.
     */
    @Override
    public void close() {
        closing = true;
        if (channel.eventLoop().inEventLoop()) {
            end();
        } else {
            channel.eventLoop().execute(this::end);
        }
    }

    private void end() {
        if (ended) {
            flush();
            channel.close();
            return;
        }
        ended = true;
        unflushed = 0;
        if (chunked && channel.isActive() && subscriber != null) {
            raw.writeAndFlush(LAST_CHUNK.duplicate()).addListener(ChannelFutureListener.CLOSE);
        } else {
            raw.flush();
            channel.close();
        }
    }
}
