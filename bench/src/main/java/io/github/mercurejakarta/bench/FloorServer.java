package io.github.mercurejakarta.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: the least a server on this machine must do to fan SSE events out, with no protocol, no
 * authorization, no per-subscriber queue. A subscribe ({@code GET ...?topic=T}) gets a chunked
 * {@code text/event-stream} head and joins T's set; a publish ({@code POST}, form {@code topic} and
 * {@code data}) is encoded once into one chunk and that same buffer is written to each subscriber of T,
 * from the thread that read the publish. Java NIO, one acceptor and a few selector threads.
 *
 * <p>Runs as its own process so the bench measures it exactly as it measures the hub:
 * <pre>{@code
 * java -cp bench.jar:lib/* io.github.mercurejakarta.bench.FloorServer 127.0.0.1 5600 2
 * }</pre>
 */
public final class FloorServer {

    private static final byte[] STREAM_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n:\n\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 16 * 1024;

    private final Map<String, Set<Conn>> topics = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Loop[] loops;

    private FloorServer(int loopCount) throws IOException {
        loops = new Loop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new Loop(i);
        }
    }

    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5600;
        int loopCount = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        FloorServer server = new FloorServer(loopCount);
        for (Loop l : server.loops) {
            l.start();
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, port), 4096);
        System.out.println("floor listening on " + host + ":" + port);
        int next = 0;
        while (true) {
            SocketChannel ch = listener.accept();
            ch.configureBlocking(false);
            ch.socket().setTcpNoDelay(true);
            server.loops[next++ % loopCount].adopt(ch);
        }
    }

    /** One connection: a request head being read, then either a subscriber or a publisher. */
    private final class Conn {
        final SocketChannel ch;
        final Loop loop;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(1024);
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        String topic;

        Conn(SocketChannel ch, Loop loop) {
            this.ch = ch;
            this.loop = loop;
        }

        /** Writes {@code frame} (shared, read-only) now; what the socket does not take waits for OP_WRITE. */
        void send(ByteBuffer frame) {
            synchronized (this) {
                if (pending.isEmpty()) {
                    ByteBuffer b = frame.duplicate();
                    try {
                        ch.write(b);
                    } catch (IOException e) {
                        close();
                        return;
                    }
                    if (!b.hasRemaining()) {
                        return;
                    }
                    pending.add(b);
                } else {
                    pending.add(frame.duplicate());
                }
            }
            loop.wantWrite(this);
        }

        void flush() {
            synchronized (this) {
                try {
                    while (!pending.isEmpty()) {
                        ByteBuffer b = pending.peek();
                        ch.write(b);
                        if (b.hasRemaining()) {
                            return;
                        }
                        pending.poll();
                    }
                    key.interestOps(SelectionKey.OP_READ);
                } catch (IOException e) {
                    close();
                }
            }
        }

        void close() {
            if (topic != null) {
                Set<Conn> set = topics.get(topic);
                if (set != null) {
                    set.remove(this);
                }
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private final class Loop extends Thread {
        final Selector selector;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

        Loop(int index) throws IOException {
            super("floor-loop-" + index);
            selector = Selector.open();
        }

        void adopt(SocketChannel ch) {
            tasks.add(() -> {
                Conn c = new Conn(ch, this);
                try {
                    c.key = ch.register(selector, SelectionKey.OP_READ, c);
                } catch (IOException e) {
                    c.close();
                }
            });
            selector.wakeup();
        }

        void wantWrite(Conn c) {
            if (Thread.currentThread() == this) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                tasks.add(() -> {
                    if (c.key.isValid()) {
                        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                });
                selector.wakeup();
            }
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    Runnable t;
                    while ((t = tasks.poll()) != null) {
                        t.run();
                    }
                    for (SelectionKey k : selector.selectedKeys()) {
                        Conn c = (Conn) k.attachment();
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isWritable()) {
                            c.flush();
                        }
                        if (k.isValid() && k.isReadable()) {
                            read(c);
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | RuntimeException e) {
                    System.err.println("floor: " + e);
                }
            }
        }

        private void read(Conn c) {
            readBuffer.clear();
            int n;
            try {
                n = c.ch.read(readBuffer);
            } catch (IOException e) {
                c.close();
                return;
            }
            if (n < 0) {
                c.close();
                return;
            }
            if (c.topic != null) {
                return; // a subscriber sends nothing after its request
            }
            readBuffer.flip();
            if (c.in.remaining() < readBuffer.remaining()) {
                if (c.in.position() + readBuffer.remaining() > MAX_HEAD + 1024 * 1024) {
                    c.close();
                    return;
                }
                ByteBuffer bigger = ByteBuffer.allocate((c.in.position() + readBuffer.remaining()) * 2);
                c.in.flip();
                bigger.put(c.in);
                c.in = bigger;
            }
            c.in.put(readBuffer);
            while (request(c)) {
                // a keep-alive publisher may send several requests in one read
            }
        }

        /** Handles one complete request at the start of {@code c.in}; false when it is not complete yet. */
        private boolean request(Conn c) {
            byte[] a = c.in.array();
            int len = c.in.position();
            int headEnd = -1;
            for (int i = 3; i < len; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return false;
            }
            String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
            String requestLine = head.substring(0, head.indexOf('\r'));
            String target = requestLine.split(" ")[1];
            if (requestLine.startsWith("GET ")) {
                String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
                c.topic = param(query, "topic");
                c.in = null;
                topics.computeIfAbsent(c.topic, t -> ConcurrentHashMap.newKeySet()).add(c);
                c.send(ByteBuffer.wrap(STREAM_HEAD));
                return false;
            }
            int contentLength = 0;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (len < headEnd + contentLength) {
                return false;
            }
            String form = new String(a, headEnd, contentLength, StandardCharsets.ISO_8859_1);
            c.in.flip();
            c.in.position(headEnd + contentLength);
            c.in.compact();
            publish(c, param(form, "topic"), param(form, "data"));
            return true;
        }

        private void publish(Conn publisher, String topic, String data) {
            String id = "urn:floor:" + ids.incrementAndGet();
            byte[] event = ("id: " + id + "\ndata: " + (data == null ? "" : data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocateDirect(event.length + 16);
            frame.put((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII))
                    .put(event).put((byte) '\r').put((byte) '\n').flip();
            ByteBuffer readOnly = frame.asReadOnlyBuffer();
            Set<Conn> subscribers = topic == null ? null : topics.get(topic);
            if (subscribers != null) {
                for (Conn s : subscribers) {
                    s.send(readOnly);
                }
            }
            byte[] body = id.getBytes(StandardCharsets.US_ASCII);
            publisher.send(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length + "\r\n\r\n" + id).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
