package io.github.mercurejakarta.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver for tests: what an OpenTelemetry collector is to an exporter,
 * {@code POST /v1/traces} with a protobuf {@code ExportTraceServiceRequest}, decoded here by hand (the
 * few fields a test asserts: ids, name, kind, attributes, the resource's attributes), so that tests read
 * the spans a real exporter sent over a real socket. Listens on a free loopback port.
 *
 * <pre>{@code
 * try (OtlpReceiver otlp = OtlpReceiver.start()) {
 *     // OTEL_EXPORTER_OTLP_ENDPOINT=otlp.endpoint() for the process under test
 *     List<OtlpReceiver.Span> spans = otlp.await(s -> s.stream().anyMatch(x -> x.name().equals("mercure publish")),
 *             Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {

    /**
     * A received span.
     *
     * @param traceId      32 hex digits
     * @param spanId       16 hex digits
     * @param parentSpanId 16 hex digits, or "" for a root span
     * @param kind         1 internal, 2 server, 3 client, 4 producer, 5 consumer (OTLP's {@code SpanKind})
     * @param attributes   string, boolean, long or double values by key
     * @param resource     the resource's attributes ({@code service.name}, ...)
     * @param scope        the instrumentation scope's name
     */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
                       Map<String, Object> attributes, Map<String, Object> resource, String scope) {
    }

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private int requests;
    private final List<String> decodeFailures = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on a free port of 127.0.0.1. */
    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new AssertionError("cannot start the OTLP receiver: " + e, e);
        }
    }

    /** @return the base URL for {@code OTEL_EXPORTER_OTLP_ENDPOINT} ({@code /v1/traces} is appended by exporters) */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the spans received so far */
    public synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    /** @return how many export requests arrived (any path) */
    public synchronized int requests() {
        return requests;
    }

    /**
     * Waits until {@code until} holds for the spans received.
     *
     * @return the spans received then
     * @throws AssertionError naming the spans received, when it does not hold within {@code timeout}
     */
    public synchronized List<Span> await(Predicate<List<Span>> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!until.test(List.copyOf(spans))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the expected spans did not arrive within " + timeout + "; received "
                        + requests + " request(s) with " + spans + (decodeFailures.isEmpty() ? "" : "; undecodable: " + decodeFailures));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(spans);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<Span> decoded;
            try {
                decoded = exchange.getRequestURI().getPath().endsWith("/v1/traces") ? decodeRequest(body) : List.of();
            } catch (RuntimeException e) {
                decoded = List.of();
                synchronized (this) {
                    decodeFailures.add(e.toString());
                }
            }
            synchronized (this) {
                requests++;
                spans.addAll(decoded);
                notifyAll();
            }
            // an empty ExportTraceServiceResponse: zero bytes
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    static List<Span> decodeRequest(byte[] body) {
        List<Span> out = new ArrayList<>();
        Proto request = new Proto(body);
        while (request.next()) {
            if (request.field == 1) { // ResourceSpans
                Proto resourceSpans = request.message();
                Map<String, Object> resource = Map.of();
                List<byte[]> scopeSpans = new ArrayList<>();
                while (resourceSpans.next()) {
                    if (resourceSpans.field == 1) { // Resource
                        resource = attributesOf(resourceSpans.message(), 1);
                    } else if (resourceSpans.field == 2) {
                        scopeSpans.add(resourceSpans.bytes());
                    } else {
                        resourceSpans.skip();
                    }
                }
                for (byte[] ss : scopeSpans) {
                    Proto scope = new Proto(ss);
                    String scopeName = "";
                    List<byte[]> spanBytes = new ArrayList<>();
                    while (scope.next()) {
                        if (scope.field == 1) { // InstrumentationScope
                            Proto s = scope.message();
                            while (s.next()) {
                                if (s.field == 1) {
                                    scopeName = s.string();
                                } else {
                                    s.skip();
                                }
                            }
                        } else if (scope.field == 2) {
                            spanBytes.add(scope.bytes());
                        } else {
                            scope.skip();
                        }
                    }
                    for (byte[] sb : spanBytes) {
                        out.add(span(new Proto(sb), resource, scopeName));
                    }
                }
            } else {
                request.skip();
            }
        }
        return out;
    }

    private static Span span(Proto p, Map<String, Object> resource, String scope) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (p.next()) {
            switch (p.field) {
                case 1 -> traceId = HexFormat.of().formatHex(p.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(p.bytes());
                case 4 -> parent = HexFormat.of().formatHex(p.bytes());
                case 5 -> name = p.string();
                case 6 -> kind = (int) p.varint();
                case 9 -> {
                    Map.Entry<String, Object> kv = keyValue(p.message());
                    attributes.put(kv.getKey(), kv.getValue());
                }
                default -> p.skip();
            }
        }
        return new Span(traceId, spanId, parent, name, kind, Map.copyOf(attributes), resource, scope);
    }

    private static Map<String, Object> attributesOf(Proto message, int field) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (message.next()) {
            if (message.field == field) {
                Map.Entry<String, Object> kv = keyValue(message.message());
                attributes.put(kv.getKey(), kv.getValue());
            } else {
                message.skip();
            }
        }
        return Map.copyOf(attributes);
    }

    private static Map.Entry<String, Object> keyValue(Proto kv) {
        String key = "";
        Object value = "";
        while (kv.next()) {
            if (kv.field == 1) {
                key = kv.string();
            } else if (kv.field == 2) { // AnyValue
                Proto any = kv.message();
                while (any.next()) {
                    switch (any.field) {
                        case 1 -> value = any.string();
                        case 2 -> value = any.varint() != 0;
                        case 3 -> value = any.varint();
                        case 4 -> value = Double.longBitsToDouble(any.fixed64());
                        default -> {
                            any.skip();
                            value = "(unsupported)";
                        }
                    }
                }
            } else {
                kv.skip();
            }
        }
        return Map.entry(key, value);
    }

    /** Protobuf's wire format, as far as OTLP's messages need: varints, fixed64/32, length-delimited fields. */
    private static final class Proto {
        private final byte[] b;
        private int pos;
        int field;
        int wireType;

        Proto(byte[] b) {
            this.b = b;
        }

        boolean next() {
            if (pos >= b.length) {
                return false;
            }
            long tag = varint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            return true;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (b[pos++] & 0xff) << (8 * i);
            }
            return v;
        }

        byte[] bytes() {
            int len = (int) varint();
            byte[] out = Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Proto message() {
            return new Proto(bytes());
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int len = (int) varint(); // not "pos += varint()": that adds to pos as it was before the length
                    pos += len;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("wire type " + wireType + " is not used by OTLP");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
