package io.github.mercurejakarta.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Publishes at a fixed rate over a few keep-alive HTTP/1.1 connections, one thread each. Publish number
 * {@code i} goes to topic {@code i % T} over connection {@code i % K} and is due at {@code start + i / rate}.
 * A connection sends its requests one after the other (the next once the previous was answered), so the hub
 * owes each subscriber, per publishing connection, that connection's publishes to its topic in the order
 * they were sent; publishes of different connections are concurrent and have no order between them.
 *
 * <p>Such a (topic, connection) pair is a <em>stream</em>: with {@code L = lcm(T, K)} streams, publish
 * {@code i} belongs to stream {@code i % L} (topic {@code stream % T}, connection {@code stream % K}) and
 * has sequence number {@code i / L} in it. When K divides T (S1, R1, R2: 10 topics, 5 connections) a topic
 * is one stream, all its publishes on one connection; P1 (1 topic, 4 connections) has 4 streams on its topic.
 * Its data is {@code "<seq> <sendMicros> <stream> <padding>"}, the send time taken just before the request
 * is written ({@code System.nanoTime}, the clock the subscribers of this process read too).
 *
 * <pre>{@code
 * Publishers p = new Publishers(address, path, token, topics, 4, 100);
 * p.run(200, 20);          // 200 publishes/s for 20 s, returns when all were answered
 * long sentToStream0 = p.nextSeq(0);
 * }</pre>
 */
final class Publishers implements SubscriberPool.Streams {

    private final InetSocketAddress address;
    private final String path;
    private final String authorization;
    private final List<String> encodedTopics;
    private final int connections;
    private final int dataSize;
    private final Socket[] sockets;
    /** lcm(topics, connections): publish i is in stream i % streams. */
    private final int streams;

    /** Publishes sent so far (all runs); the next publish number. */
    private long published;
    final Recorder latencyMicros = new Recorder(3);
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder late = new LongAdder();
    volatile String firstError;

    Publishers(InetSocketAddress address, String path, String token, List<String> topics, int connections, int dataSize) {
        this.address = address;
        this.path = path;
        this.authorization = "Bearer " + token;
        this.encodedTopics = topics.stream().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8)).toList();
        this.connections = connections;
        this.dataSize = dataSize;
        this.sockets = new Socket[connections];
        int t = topics.size();
        this.streams = t / gcd(t, connections) * connections;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** @return the number of streams, {@code lcm(topics, connections)} */
    @Override
    public int streams() {
        return streams;
    }

    /** @return the topic index of {@code stream} */
    int topicOf(int stream) {
        return stream % encodedTopics.size();
    }

    /** @return publishes sent in {@code stream} so far: the next sequence number there. */
    @Override
    public long nextSeq(int stream) {
        return published <= stream ? 0 : (published - stream + streams - 1) / streams;
    }

    /**
     * Publishes {@code rate} per second for {@code seconds}; returns when every request was answered (or
     * failed). A publish that falls behind its schedule is sent at once and counted as late.
     *
     * @return the seconds it took
     */
    double run(double rate, double seconds) throws InterruptedException {
        long count = Math.round(rate * seconds);
        long first = published;
        long start = System.nanoTime() + 1_000_000;
        Thread[] threads = new Thread[connections];
        AtomicLong lastAnswer = new AtomicLong(start);
        for (int c = 0; c < connections; c++) {
            int lane = c;
            threads[c] = new Thread(() -> {
                for (long k = 0; k < count; k++) {
                    if ((first + k) % connections != lane) {
                        continue;
                    }
                    long due = start + (long) (k * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -50_000_000L) {
                        late.increment();
                    }
                    publish(lane, first + k);
                }
                lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            }, "publisher-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        published = first + count;
        return (lastAnswer.get() - start) / 1e9;
    }

    private void publish(int lane, long number) {
        int topic = (int) (number % encodedTopics.size());
        int stream = (int) (number % streams);
        long seq = number / streams;
        long sendNanos = System.nanoTime();
        StringBuilder data = new StringBuilder(dataSize + 32).append(seq).append(' ').append(sendNanos / 1000)
                .append(' ').append(stream).append(' ');
        while (data.length() < dataSize) {
            data.append('x');
        }
        byte[] body = ("topic=" + encodedTopics.get(topic) + "&data=" + URLEncoder.encode(data.toString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            Socket s = sockets[lane];
            if (s == null || s.isClosed()) {
                s = new Socket();
                s.setTcpNoDelay(true);
                s.setSoTimeout(10_000);
                s.connect(address, 5_000);
                sockets[lane] = s;
            }
            OutputStream out = s.getOutputStream();
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            int status = readResponse(s);
            latencyMicros.recordValue((System.nanoTime() - sendNanos) / 1000);
            if (status / 100 == 2) {
                ok.increment();
            } else {
                error("status " + status);
            }
        } catch (IOException e) {
            error(e.toString());
            closeQuietly(lane);
        }
    }

    private void error(String what) {
        errors.increment();
        if (firstError == null) {
            firstError = what;
        }
    }


    /** Reads one response (status line, headers, Content-Length or chunked body); returns its status. */
    private int readResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        if (!(in instanceof BufferedInputStream)) {
            in = inputs.computeIfAbsent(s, k -> new BufferedInputStream(rawStream(k), 8192));
        }
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                in.skipNBytes(size);
                line(in);
            }
            line(in); // the empty trailer
        } else {
            in.skipNBytes(length);
        }
        if (close) {
            inputs.remove(s);
            s.close();
        }
        return code;
    }

    private final java.util.Map<Socket, BufferedInputStream> inputs = new java.util.concurrent.ConcurrentHashMap<>();

    private static InputStream rawStream(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the hub");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private void closeQuietly(int lane) {
        Socket s = sockets[lane];
        sockets[lane] = null;
        if (s != null) {
            inputs.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    void close() {
        for (int i = 0; i < connections; i++) {
            closeQuietly(i);
        }
    }
}
