package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * N SSE subscribers on a few selector threads (no thread per connection), each on one topic. Parses just
 * enough: the HTTP status, chunked transfer coding, and per event its {@code id:} and the {@code data:}
 * line {@code <seq> <sendMicros> <stream> <padding>} that {@link Publishers} wrote; records the delivery
 * latency (send and receive clocks are the same {@code System.nanoTime} of this process) and checks each
 * subscriber's events for lost, duplicated and out-of-order ones, per publisher stream (a topic and a
 * publishing connection: the hub owes order within a stream only, see {@link Publishers}).
 *
 * <pre>{@code
 * SubscriberPool pool = new SubscriberPool(address, "/.well-known/mercure", topics, 2);
 * pool.connect(1000, publishers, Duration.ofSeconds(60));
 * }</pre>
 */
final class SubscriberPool implements AutoCloseable {

    /** Subscribes being connected at once: more only fills the hub's accept backlog. */
    private static final int CONNECTS_IN_FLIGHT = 200;

    private final InetSocketAddress address;
    private final String path;
    private final List<String> topics;
    private final Loop[] loops;
    private final List<Sub> subs = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);

    final Recorder latencyMicros = new Recorder(3);
    final LongAdder deliveries = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger closedByHub = new AtomicInteger();
    final LongAdder eventsWithoutId = new LongAdder();
    /** Events of a stream that is not on the subscriber's topic. */
    final LongAdder foreignEvents = new LongAdder();
    volatile String firstFailure;

    SubscriberPool(InetSocketAddress address, String path, List<String> topics, int selectorThreads) throws IOException {
        this.address = address;
        this.path = path;
        this.topics = topics;
        this.loops = new Loop[selectorThreads];
        for (int i = 0; i < selectorThreads; i++) {
            loops[i] = new Loop(i);
            loops[i].start();
        }
    }

    int size() {
        return subs.size();
    }

    /**
     * The publisher streams: their number ({@code lcm(topics, connections)}, a multiple of the number of
     * topics; stream {@code c} is on topic {@code c % topics}) and, per stream, the next sequence number to
     * be published there (what a subscriber expects first, and at the end the count it is owed).
     */
    interface Streams {
        int streams();

        long nextSeq(int stream);
    }

    /**
     * Opens subscribers until there are {@code total}, waiting for each one's response head (200) or
     * failure, at most until {@code timeoutNanos}.
     *
     * @return false if some are still pending at the deadline (they count as failed)
     */
    boolean connect(int total, Streams streams, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        int start = subs.size();
        for (int i = start; i < total; i++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int topic = i % topics.size();
            int perTopic = streams.streams() / topics.size();
            long[] base = new long[perTopic];
            for (int j = 0; j < perTopic; j++) {
                base[j] = streams.nextSeq(topic + j * topics.size());
            }
            Sub s = new Sub(i, topic, base);
            subs.add(s);
            loops[i % loops.length].open(s);
        }
        // wait for the last ones
        boolean all = inFlight.tryAcquire(CONNECTS_IN_FLIGHT, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (all) {
            inFlight.release(CONNECTS_IN_FLIGHT);
        } else {
            int stuck = 0;
            for (int i = start; i < subs.size(); i++) {
                if (subs.get(i).state < Sub.STREAMING && subs.get(i).state != Sub.DEAD) {
                    stuck++;
                }
            }
            failed.addAndGet(stuck + (total - subs.size()));
            recordFailure(stuck + " subscribes without an answer at the deadline");
        }
        return all && subs.size() == total;
    }

    /** Sequence check over all subscribers, against what the publishers sent. */
    record Integrity(long expected, long received, long lost, long duplicated, long outOfOrder, String firstLoss) {
    }

    Integrity integrity(Streams published) {
        long expected = 0, received = 0, lost = 0, dup = 0, ooo = 0;
        String firstLoss = null;
        for (Sub s : subs) {
            if (s.state != Sub.STREAMING) {
                continue;
            }
            synchronized (s) {
                for (int j = 0; j < s.base.length; j++) {
                    int stream = s.topic + j * topics.size();
                    long exp = published.nextSeq(stream) - s.base[j];
                    int distinct = s.seen[j].cardinality();
                    expected += exp;
                    received += distinct;
                    lost += Math.max(0, exp - distinct);
                    if (firstLoss == null && distinct < exp) {
                        int missing = s.seen[j].nextClearBit(0);
                        firstLoss = "subscriber " + s.index + " (topic " + s.topic + ", stream " + stream + ") lacks seq "
                                + (s.base[j] + missing) + " of " + s.base[j] + ".." + (s.base[j] + exp - 1) + ", has " + distinct
                                + "; " + socketState(s);
                    }
                }
                received += s.duplicated;
                dup += s.duplicated;
                ooo += s.outOfOrder;
            }
        }
        return new Integrity(expected, received, lost, dup, ooo, firstLoss);
    }

    /** Where a stalled stream's bytes are: the kernel's queues of its socket ({@code ss}) and the parser's state. */
    private static String socketState(Sub s) {
        String where = "parser chunk state " + s.chunkState + ", chunk remaining " + s.chunkRemaining + ", partial line "
                + s.lineLength + " bytes";
        try {
            int port = ((InetSocketAddress) s.ch.getLocalAddress()).getPort();
            Process p = new ProcessBuilder("ss", "-tnH", "sport = :" + port + " or dport = :" + port).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().replaceAll("\\s+", " ");
            p.waitFor();
            return where + "; ss (state recv-q send-q local peer): " + out;
        } catch (IOException | RuntimeException e) {
            return where;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return where;
        }
    }

    /** Expected deliveries so far (streaming subscribers only), for draining. */
    long expectedDeliveries(Streams published) {
        long expected = 0;
        for (Sub s : subs) {
            if (s.state == Sub.STREAMING) {
                for (int j = 0; j < s.base.length; j++) {
                    expected += published.nextSeq(s.topic + j * topics.size()) - s.base[j];
                }
            }
        }
        return expected;
    }

    long received() {
        long r = 0;
        for (Sub s : subs) {
            synchronized (s) {
                for (BitSet seen : s.seen) {
                    r += seen.cardinality();
                }
            }
        }
        return r;
    }

    private void recordFailure(String what) {
        if (firstFailure == null) {
            firstFailure = what;
        }
    }

    @Override
    public void close() {
        for (Loop l : loops) {
            l.interrupt();
            try {
                l.selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Sub s : subs) {
            try {
                if (s.ch != null) {
                    s.ch.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** One subscriber: its socket and the parser state of its stream. */
    private static final class Sub {
        static final int CONNECTING = 0, HEAD = 1, STREAMING = 2, DEAD = 3;
        // chunked coding states
        static final int CHUNK_SIZE = 0, CHUNK_EXT = 1, CHUNK_DATA = 2, CHUNK_CR = 3, CHUNK_LF = 4;

        final int index;
        final int topic;
        /** Per stream of the topic ({@code topic + j * topics}): the first sequence number owed. */
        final long[] base;
        SocketChannel ch;
        volatile int state = CONNECTING;
        boolean chunked;
        int chunkState = CHUNK_SIZE;
        long chunkRemaining;
        byte[] line = new byte[128];
        int lineLength;
        boolean eventHasId;
        long eventSeq = -1;
        long eventSentMicros;
        long eventStream;
        /** Per stream of the topic: the sequence numbers received (relative to base), the highest of them. */
        final BitSet[] seen;
        final int[] highest;
        long duplicated;
        long outOfOrder;

        Sub(int index, int topic, long[] base) {
            this.index = index;
            this.topic = topic;
            this.base = base;
            this.seen = new BitSet[base.length];
            for (int j = 0; j < base.length; j++) {
                seen[j] = new BitSet();
            }
            this.highest = new int[base.length];
            java.util.Arrays.fill(highest, -1);
        }
    }

    private final class Loop extends Thread {
        final Selector selector;
        final ConcurrentLinkedQueue<Sub> toOpen = new ConcurrentLinkedQueue<>();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        final byte[] bytes = new byte[256 * 1024];
        long nowMicros;

        Loop(int index) throws IOException {
            super("subscribers-" + index);
            setDaemon(true);
            selector = Selector.open();
        }

        void open(Sub s) {
            toOpen.add(s);
            selector.wakeup();
        }

        @Override
        public void run() {
            while (!isInterrupted() && selector.isOpen()) {
                try {
                    selector.select();
                    Sub s;
                    while ((s = toOpen.poll()) != null) {
                        start(s);
                    }
                    nowMicros = System.nanoTime() / 1000;
                    for (SelectionKey k : selector.selectedKeys()) {
                        Sub sub = (Sub) k.attachment();
                        try {
                            if (k.isConnectable()) {
                                sub.ch.finishConnect();
                                sub.ch.write(ByteBuffer.wrap(request(sub)));
                                sub.state = Sub.HEAD;
                                k.interestOps(SelectionKey.OP_READ);
                            } else if (k.isReadable()) {
                                read(sub, k);
                            }
                        } catch (IOException e) {
                            die(sub, k, "I/O error: " + e.getMessage());
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                    return;
                }
            }
        }

        private void start(Sub s) {
            try {
                s.ch = SocketChannel.open();
                s.ch.configureBlocking(false);
                s.ch.socket().setTcpNoDelay(true);
                if (s.ch.connect(address)) {
                    s.ch.write(ByteBuffer.wrap(request(s)));
                    s.state = Sub.HEAD;
                    s.ch.register(selector, SelectionKey.OP_READ, s);
                } else {
                    s.ch.register(selector, SelectionKey.OP_CONNECT, s);
                }
            } catch (IOException e) {
                die(s, null, "cannot connect: " + e.getMessage());
            }
        }

        private byte[] request(Sub s) {
            String topic = java.net.URLEncoder.encode(topics.get(s.topic), StandardCharsets.UTF_8);
            return ("GET " + path + "?topic=" + topic + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                    + address.getPort() + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        private void die(Sub s, SelectionKey k, String why) {
            int was = s.state;
            s.state = Sub.DEAD;
            if (k != null) {
                k.cancel();
            }
            try {
                if (s.ch != null) {
                    s.ch.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            if (was == Sub.STREAMING) {
                closedByHub.incrementAndGet();
                connected.decrementAndGet();
                recordFailure("stream " + s.index + " closed: " + why);
            } else if (was != Sub.DEAD) {
                failed.incrementAndGet();
                inFlight.release();
                recordFailure("subscribe " + s.index + ": " + why);
            }
        }

        private void read(Sub s, SelectionKey k) throws IOException {
            buffer.clear();
            int n = s.ch.read(buffer);
            if (n < 0) {
                die(s, k, "end of stream");
                return;
            }
            buffer.flip();
            buffer.get(bytes, 0, n);
            int i = 0;
            if (s.state == Sub.HEAD) {
                i = head(s, k, n);
                if (i < 0) {
                    return;
                }
            }
            synchronized (s) {
                body(s, i, n);
            }
        }

        /** Reads the response head; returns where the body starts in {@code bytes}, or -1. */
        private int head(Sub s, SelectionKey k, int n) {
            // the head arrives in one read on loopback; a longer one is kept in the line buffer
            for (int i = 0; i < n; i++) {
                append(s, bytes[i]);
                int L = s.lineLength;
                if (L >= 4 && s.line[L - 1] == '\n' && s.line[L - 2] == '\r' && s.line[L - 3] == '\n' && s.line[L - 4] == '\r') {
                    String head = new String(s.line, 0, L, StandardCharsets.ISO_8859_1);
                    s.lineLength = 0;
                    if (!head.startsWith("HTTP/1.1 200")) {
                        die(s, k, head.substring(0, head.indexOf('\r')));
                        return -1;
                    }
                    s.chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                    s.state = Sub.STREAMING;
                    connected.incrementAndGet();
                    inFlight.release();
                    return i + 1;
                }
            }
            return -1;
        }

        private void append(Sub s, byte b) {
            if (s.lineLength == s.line.length) {
                if (s.line.length >= 64 * 1024) {
                    return; // an absurd line: its end is dropped
                }
                s.line = java.util.Arrays.copyOf(s.line, s.line.length * 2);
            }
            s.line[s.lineLength++] = b;
        }

        private void body(Sub s, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (!s.chunked) {
                    sse(s, b);
                    continue;
                }
                switch (s.chunkState) {
                    case Sub.CHUNK_SIZE -> {
                        if (b == '\r') {
                            s.chunkState = Sub.CHUNK_EXT;
                        } else if (b == ';') {
                            s.chunkState = Sub.CHUNK_EXT;
                        } else {
                            s.chunkRemaining = s.chunkRemaining * 16 + Character.digit(b, 16);
                        }
                    }
                    case Sub.CHUNK_EXT -> {
                        if (b == '\n') {
                            s.chunkState = s.chunkRemaining == 0 ? Sub.CHUNK_CR : Sub.CHUNK_DATA;
                        }
                    }
                    case Sub.CHUNK_DATA -> {
                        int take = (int) Math.min(s.chunkRemaining, to - i);
                        for (int j = 0; j < take; j++) {
                            sse(s, bytes[i + j]);
                        }
                        i += take - 1;
                        s.chunkRemaining -= take;
                        if (s.chunkRemaining == 0) {
                            s.chunkState = Sub.CHUNK_CR;
                        }
                    }
                    case Sub.CHUNK_CR -> s.chunkState = Sub.CHUNK_LF;
                    default -> s.chunkState = Sub.CHUNK_SIZE; // the LF after a chunk
                }
            }
        }

        private void sse(Sub s, byte b) {
            if (b != '\n') {
                append(s, b);
                return;
            }
            int L = s.lineLength;
            if (L > 0 && s.line[L - 1] == '\r') {
                L--;
            }
            s.lineLength = 0;
            byte[] l = s.line;
            if (L == 0) {
                dispatch(s);
            } else if (L >= 3 && l[0] == 'i' && l[1] == 'd' && l[2] == ':') {
                s.eventHasId = L > 3;
            } else if (L >= 5 && l[0] == 'd' && l[1] == 'a' && l[2] == 't' && l[3] == 'a' && l[4] == ':') {
                int p = 5;
                if (p < L && l[p] == ' ') {
                    p++;
                }
                long seq = 0;
                while (p < L && l[p] >= '0' && l[p] <= '9') {
                    seq = seq * 10 + (l[p++] - '0');
                }
                p++;
                long sent = 0;
                while (p < L && l[p] >= '0' && l[p] <= '9') {
                    sent = sent * 10 + (l[p++] - '0');
                }
                p++;
                long stream = 0;
                while (p < L && l[p] >= '0' && l[p] <= '9') {
                    stream = stream * 10 + (l[p++] - '0');
                }
                s.eventSeq = seq;
                s.eventSentMicros = sent;
                s.eventStream = stream;
            }
        }

        private void dispatch(Sub s) {
            if (s.eventSeq < 0) {
                s.eventHasId = false;
                return; // a comment block or an event of someone else
            }
            if (!s.eventHasId) {
                eventsWithoutId.increment();
            }
            long j = (s.eventStream - s.topic) / topics.size();
            if (s.eventStream % topics.size() != s.topic || j >= s.base.length) {
                foreignEvents.increment(); // another topic's stream: the hub sent what this subscriber did not ask for
                s.eventSeq = -1;
                s.eventHasId = false;
                return;
            }
            int k = (int) j;
            int rel = (int) (s.eventSeq - s.base[k]);
            if (rel >= 0) {
                if (s.seen[k].get(rel)) {
                    s.duplicated++;
                } else {
                    s.seen[k].set(rel);
                    if (rel < s.highest[k]) {
                        s.outOfOrder++;
                    }
                    s.highest[k] = Math.max(s.highest[k], rel);
                }
            } else {
                s.duplicated++; // published before this subscriber existed: the hub replayed it
            }
            long latency = nowMicros - s.eventSentMicros;
            latencyMicros.recordValue(Math.max(0, latency));
            deliveries.increment();
            s.eventSeq = -1;
            s.eventHasId = false;
        }
    }
}
