package io.github.mercurejakarta.hub;

/**
 * How a {@link Subscriber}'s frames reach its connection, chosen once per stream from its sink: its own
 * bounded queue drained by one writer ({@link SubscriberQueue}), or a {@link PushSink} that queues and
 * writes by itself ({@link PushDelivery}).
 *
 * <p>Why a strategy rather than nullable fields: each stream carries the state of its own way only (a
 * push stream holds no queue, no writer flag, no write timestamps), and fan-out makes exactly one call on
 * it per delivery ({@link #add}), which sees at most these two classes.
 */
sealed interface Delivery permits SubscriberQueue, PushDelivery {

    /**
     * Takes one frame (an update's bytes or a comment), to be written after those taken before it.
     * Never blocks and never writes on the calling thread.
     *
     * @return true when the caller won the right to run the writer ({@link #drain()}) and must see that it
     * runs; false when one is already running or none is needed
     */
    boolean add(byte[] frame);

    /**
     * Announces a replay of {@code frames} history frames, added next: they do not count against the stream's
     * bound ({@code mercure.hub.subscriber.queue.size}), which is for a client that cannot keep up with live
     * updates. A replay is bounded by the history's own length; counting it would close every stream that
     * reconnects further back than the bound (it would then miss the rest of what it asked for).
     */
    void replay(int frames);

    /** The writer, on a writer thread, when {@link #add} or {@link #endAfterFlush()} asked for it. */
    void drain();

    /**
     * Closes the stream with {@link Subscriber#endRequested()} once what was added before is written;
     * called once, by the subscriber.
     */
    void endAfterFlush();

    /**
     * @return {@code System.nanoTime()} since when a write has been waiting to complete, 0 when none is
     * (the dispatch timeout closes the stream once this is too old)
     */
    long stalledSinceNanos();

    /** @return {@code System.nanoTime()} of the last completed write (keep-alive decisions) */
    long lastWriteNanos();

    /** Drops what is still waiting: the stream is closed. */
    void discard();
}
