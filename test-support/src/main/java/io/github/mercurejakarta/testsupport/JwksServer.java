package io.github.mercurejakarta.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port serving a JWK Set that a test changes as it goes (a key
 * rotation, an outage), and counting the requests it gets, so that tests can check what a hub fetches.
 *
 * <pre>{@code
 * try (JwksServer jwks = JwksServer.start("{\"keys\":[...]}")) {
 *     hub = start("--publisher-jwks-url", jwks.url());
 *     jwks.serve("{\"keys\":[...new key...]}");          // rotation
 *     jwks.fail(503);                                     // outage
 *     assertEquals(2, jwks.requests());
 * }
 * }</pre>
 */
public final class JwksServer implements AutoCloseable {

    /** The path the set is served at. */
    public static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String body;
    private volatile int status = 200;
    private volatile String cacheControl;

    private JwksServer(HttpServer server, String body) {
        this.server = server;
        this.body = body;
    }

    /** Starts serving {@code jwksJson} at {@link #url()}. */
    public static JwksServer start(String jwksJson) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            JwksServer s = new JwksServer(http, jwksJson);
            http.createContext(PATH, exchange -> {
                s.requests.incrementAndGet();
                byte[] bytes = (s.status == 200 ? s.body : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                String cc = s.cacheControl;
                if (cc != null) {
                    exchange.getResponseHeaders().set("Cache-Control", cc);
                }
                exchange.sendResponseHeaders(s.status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the set's URL, {@code http://127.0.0.1:PORT/.well-known/jwks.json} */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + PATH;
    }

    /** Serves {@code jwksJson} with 200 from now on. */
    public void serve(String jwksJson) {
        this.body = jwksJson;
        this.status = 200;
    }

    /** Answers {@code httpStatus} (with a JSON error body) from now on, as a failing endpoint does. */
    public void fail(int httpStatus) {
        this.status = httpStatus;
    }

    /** Sends this {@code Cache-Control} header with the set (null: none). */
    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    /** @return how many requests the server got */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
