package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One subscriber of the soak test, on its own thread and blocking socket: subscribes to one topic,
 * holds the stream for a random time, drops it (a clean close or a reset, sometimes in the middle of
 * an event), waits a little and comes back with {@code Last-Event-ID}: the id of the last complete event
 * it saw ({@code earliest} if it saw none yet: the whole history). It records every sequence number it
 * receives, across all its connections, so that the soak can check it received each update of its topic
 * exactly once and in order.
 *
 * <p>The HTTP/1.1 response is read by hand (status line, headers, chunked coding or a plain stream to
 * EOF) and the SSE stream is parsed as EventSource does: fields {@code id:} and {@code data:}, an
 * event dispatched at a blank line, an incomplete event at a drop discarded.
 */
final class SoakSubscriber extends Thread {

    /** How a subscriber behaves: {@code steady} ones never drop their stream. */
    record Behaviour(boolean steady, int minHoldMillis, int maxHoldMillis, int maxOfflineMillis) {
    }

    private final InetSocketAddress hub;
    private final String path;
    private final String topic;
    private final Behaviour behaviour;

    private final BitSet received = new BitSet();
    private volatile long lastSeq = -1;
    private volatile int duplicates;
    private volatile int outOfSequence;
    private volatile int connections;
    private volatile int failedConnects;
    private volatile String lastEventId;
    private volatile String firstProblem;
    private volatile boolean connected;
    private volatile boolean running = true;
    private volatile boolean dropping = true;
    private volatile Socket socket;

    SoakSubscriber(InetSocketAddress hub, String path, String topic, Behaviour behaviour, int index) {
        super("soak-subscriber-" + index);
        setDaemon(true);
        this.hub = hub;
        this.path = path;
        this.topic = topic;
        this.behaviour = behaviour;
    }

    String topic() {
        return topic;
    }

    /** Stops dropping: from now on the subscriber reconnects if it is offline and then stays. */
    void settle() {
        dropping = false;
    }

    /** Ends the subscriber: closes its stream and lets its thread finish. */
    void shutdown() {
        running = false;
        closeQuietly(socket, false);
    }

    boolean connected() {
        return connected;
    }

    long lastSeq() {
        return lastSeq;
    }

    int connections() {
        return connections;
    }

    int failedConnects() {
        return failedConnects;
    }

    int duplicates() {
        return duplicates;
    }

    int outOfSequence() {
        return outOfSequence;
    }

    String firstProblem() {
        return firstProblem;
    }

    /** @return the sequence numbers in {@code [0, upTo]} this subscriber never received. */
    synchronized List<Long> missing(long upTo) {
        List<Long> missing = new ArrayList<>();
        for (int i = received.nextClearBit(0); i <= upTo; i = received.nextClearBit(i + 1)) {
            missing.add((long) i);
        }
        return missing;
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            long holdUntil = behaviour.steady() ? Long.MAX_VALUE
                    : System.nanoTime() + 1_000_000L * random.nextInt(behaviour.minHoldMillis(), behaviour.maxHoldMillis() + 1);
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(hub, 5000);
                s.setSoTimeout(200);
                s.getOutputStream().write(request().getBytes(StandardCharsets.US_ASCII));
                stream(s.getInputStream(), holdUntil);
            } catch (IOException e) {
                if (running && !connected) {
                    failedConnects++;
                    problem("connect/subscribe failed: " + e);
                }
            } finally {
                connected = false;
            }
            if (running && dropping) {
                sleepQuietly(random.nextInt(behaviour.maxOfflineMillis() + 1));
            }
        }
    }

    private String request() {
        StringBuilder r = new StringBuilder("GET ").append(path).append("?topic=")
                .append(URLEncoder.encode(topic, StandardCharsets.UTF_8)).append(" HTTP/1.1\r\nHost: ")
                .append(hub.getHostString()).append(':').append(hub.getPort()).append("\r\nAccept: text/event-stream\r\n");
        if (lastEventId != null) {
            r.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        } else if (connections > 0) {
            // dropped before its first event: everything published since it first subscribed is owed to it
            r.append("Last-Event-ID: earliest\r\n");
        }
        return r.append("\r\n").toString();
    }

    /** Reads one connection until the hold time is over (then drops it) or the hub ends it. */
    private void stream(InputStream in, long holdUntil) throws IOException {
        Head head = new Head();
        Chunks chunks = null;
        Events events = new Events();
        byte[] buf = new byte[8192];
        while (running) {
            if (dropping && System.nanoTime() > holdUntil) {
                drop();
                return;
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (n < 0) {
                if (running && !dropping && !head.done) {
                    problem("the hub closed the connection before its headers");
                }
                return; // the hub ended the stream: reconnect
            }
            int i = 0;
            if (!head.done) {
                i = head.feed(buf, 0, n);
                if (!head.done) {
                    continue;
                }
                if (head.status != 200) {
                    failedConnects++;
                    problem("subscribe answered " + head.status);
                    return;
                }
                connected = true;
                connections++;
                chunks = head.chunked ? new Chunks() : null;
            }
            for (; i < n; i++) {
                if (chunks == null) {
                    events.feed(buf[i]);
                } else if (chunks.feed(buf[i])) {
                    events.feed(buf[i]);
                }
            }
        }
    }

    /** Drops the stream the way real clients vanish: half of the time a clean close, else a reset. */
    private void drop() {
        closeQuietly(socket, ThreadLocalRandom.current().nextBoolean());
    }

    private static void closeQuietly(Socket s, boolean reset) {
        if (s == null) {
            return;
        }
        try {
            if (reset) {
                s.setSoLinger(true, 0);
            }
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // the random time a dropped client stays away: the behaviour under test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void problem(String what) {
        if (firstProblem == null) {
            firstProblem = getName() + " (" + topic + "): " + what;
        }
    }

    /** A complete event: its data is the publisher's sequence number on this topic. */
    private synchronized void dispatch(String id, String data) {
        long seq;
        try {
            seq = Long.parseLong(data.split(" ", 2)[0]); // Publishers' data: "<seq> <sendMicros> <stream> <padding>"
        } catch (NumberFormatException e) {
            problem("unexpected data " + data);
            return;
        }
        if (received.get((int) seq)) {
            duplicates++;
            problem("update " + seq + " received twice (Last-Event-ID " + lastEventId + ")");
        } else if (seq != lastSeq + 1) {
            outOfSequence++;
            problem("update " + seq + " after " + lastSeq);
        }
        received.set((int) seq);
        lastSeq = Math.max(lastSeq, seq);
        if (id != null) {
            lastEventId = id;
        }
    }

    /** The status line and headers. */
    private static final class Head {
        private final StringBuilder text = new StringBuilder();
        boolean done;
        int status;
        boolean chunked;

        /** @return the index after the head's last byte (or {@code to} if the head is not complete yet). */
        int feed(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                text.append((char) (b[i] & 0xff));
                int len = text.length();
                if (len >= 4 && text.charAt(len - 1) == '\n' && text.charAt(len - 2) == '\r'
                        && text.charAt(len - 3) == '\n' && text.charAt(len - 4) == '\r') {
                    String[] lines = text.toString().split("\r\n");
                    status = Integer.parseInt(lines[0].split(" ")[1]);
                    for (String line : lines) {
                        String l = line.toLowerCase(java.util.Locale.ROOT);
                        if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                            chunked = true;
                        }
                    }
                    done = true;
                    return i + 1;
                }
            }
            return to;
        }
    }

    /** Chunked transfer coding, byte by byte. */
    private static final class Chunks {
        private static final int SIZE = 0, EXT = 1, DATA = 2, CR = 3, LF = 4;
        private int state = SIZE;
        private long remaining;

        /** @return true when {@code b} is a byte of the body (not of the coding). */
        boolean feed(byte b) {
            switch (state) {
                case SIZE -> {
                    int d = Character.digit(b, 16);
                    if (d >= 0) {
                        remaining = remaining * 16 + d;
                    } else if (b == '\r') {
                        state = LF;
                    } else {
                        state = EXT;
                    }
                }
                case EXT -> {
                    if (b == '\r') {
                        state = LF;
                    }
                }
                case LF -> state = remaining > 0 ? DATA : SIZE; // a last chunk (0) ends the body: the hub closes
                case DATA -> {
                    if (--remaining == 0) {
                        state = CR;
                    }
                    return true;
                }
                case CR -> state = b == '\n' ? SIZE : CR;
                default -> throw new IllegalStateException();
            }
            return false;
        }
    }

    /** The SSE stream: lines, {@code id} and {@code data} fields, dispatch at a blank line. */
    private final class Events {
        private final StringBuilder line = new StringBuilder();
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;
        private String id;

        void feed(byte b) {
            if (b == '\r') {
                return;
            }
            if (b != '\n') {
                line.append((char) (b & 0xff));
                return;
            }
            if (line.length() == 0) {
                if (hasData) {
                    dispatch(id, data.toString());
                }
                data.setLength(0);
                hasData = false;
                id = null;
                return;
            }
            String l = line.toString();
            line.setLength(0);
            if (l.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(l.startsWith("data: ") ? l.substring(6) : l.substring(5));
                hasData = true;
            } else if (l.startsWith("id:")) {
                id = l.startsWith("id: ") ? l.substring(4) : l.substring(3);
            }
        }
    }
}
