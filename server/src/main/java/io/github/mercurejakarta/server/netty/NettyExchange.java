package io.github.mercurejakarta.server.netty;

import io.github.mercurejakarta.http.HubRequest;
import io.github.mercurejakarta.http.HubResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request of the Netty front end and its answer: what a {@link NettyRouter.Route} reads (method, paths,
 * query, headers, body) and the one response it gives ({@link #respond}, or a stream started by the hub's
 * subscribe route). Answering is thread-safe and happens once; the connection is kept alive unless the
 * client or the request (an oversized body is not read) says otherwise.
 */
final class NettyExchange {

    /** The hub's path; the hub URL is the request's origin plus this path, as in the JAX-RS front end. */
    static final String HUB_PATH = "/.well-known/mercure";

    private final ChannelHandlerContext ctx;
    private final String method;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final String rawPath;
    private final String rawQuery;
    private final byte[] body;
    private final boolean keepAlive;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Runnable onAnswered;
    private String path;
    private String rest = "";

    /**
     * @param body       the body, or null when it exceeded the maximum (then the connection closes after the answer)
     * @param onAnswered run once the answer is written (the handler resumes reading the connection)
     */
    NettyExchange(ChannelHandlerContext ctx, HttpRequest request, byte[] body, Runnable onAnswered) {
        this.ctx = ctx;
        this.method = request.method().name();
        this.version = request.protocolVersion();
        this.headers = request.headers();
        this.body = body;
        this.keepAlive = body != null && HttpUtil.isKeepAlive(request);
        this.onAnswered = onAnswered;
        String uri = request.uri();
        // absolute-form (a request to a proxy, RFC 9112 §3.2.2): keep the path and query only
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
            int query = uri.indexOf('?');
            uri = slash < 0 || (query >= 0 && query < slash) ? "/" + (query < 0 ? "" : uri.substring(query)) : uri.substring(slash);
        }
        int q = uri.indexOf('?');
        int hash = uri.indexOf('#');
        String beforeFragment = hash < 0 ? uri : uri.substring(0, hash);
        this.rawPath = q < 0 || (hash >= 0 && hash < q) ? beforeFragment : uri.substring(0, q);
        this.rawQuery = q < 0 || (hash >= 0 && hash < q) ? null : beforeFragment.substring(q + 1);
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    String method() {
        return method;
    }

    HttpVersion version() {
        return version;
    }

    /** @return the request path, still percent-encoded */
    String rawPath() {
        return rawPath;
    }

    /**
     * @return the request path, percent-decoded once (what exact routes match; {@code +} stays a plus)
     * @throws IllegalArgumentException for a malformed escape (the handler answers 400)
     */
    String path() {
        if (path == null) {
            path = QueryStringDecoder.decodeComponent(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return path;
    }

    /** @return the raw query string, or null */
    String rawQuery() {
        return rawQuery;
    }

    /** @return the first value of a header (case-insensitive), or null */
    String header(String name) {
        return headers.get(name);
    }

    /** @return the body (empty when none), or null when it exceeded {@code mercure.hub.max.body.size} */
    byte[] body() {
        return body;
    }

    /** @return for a tree route: the part of the raw path below the route's path ({@code ""}, {@code "/a%2Fb"}) */
    String rest() {
        return rest;
    }

    void rest(String rest) {
        this.rest = rest;
    }

    /** @return {@code http://} plus the Host the client addressed (else the local address) */
    String origin() {
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            String h = local.getAddress().getHostAddress();
            host = (h.contains(":") ? "[" + h + "]" : h) + ":" + local.getPort();
        }
        return "http://" + host.trim();
    }

    /** @return the request as the protocol layer sees it (hub URL: {@link #origin()} + {@value #HUB_PATH}) */
    HubRequest hubRequest() {
        String hubUrl = origin() + HUB_PATH;
        return new HubRequest() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String hubUrl() {
                return hubUrl;
            }

            @Override
            public String rawQuery() {
                return rawQuery;
            }

            @Override
            public String header(String name) {
                return headers.get(name);
            }

            @Override
            public int headerCount(String name) {
                return headers.getAll(name).size();
            }

            @Override
            public String peerAddress() {
                return NettyExchange.this.peerAddress();
            }
        };
    }

    /** @return the connection's peer as a literal IP address (no name lookup), or null when not an IP socket */
    String peerAddress() {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    /** @return true once the answer (or a stream's head) has been given */
    boolean answered() {
        return answered.get();
    }

    /**
     * Claims the answer for a stream: the caller writes the response head itself.
     *
     * @return false when the exchange was already answered
     */
    boolean claimForStream() {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        onAnswered.run();
        return true;
    }

    /** Writes {@code response} as a complete answer (a text body in UTF-8; none for HEAD). */
    void respond(HubResponse response) {
        byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        respond(response.status(), response.headers(), bytes);
    }

    private void respond(int status, Map<String, List<String>> responseHeaders, byte[] bytes) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("the exchange was already answered");
        }
        boolean head = method.equals("HEAD");
        ByteBuf content = head || bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), content);
        for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
            r.headers().add(h.getKey(), h.getValue());
        }
        if (status != 204 && status != 304) {
            HttpUtil.setContentLength(r, bytes.length);
        }
        if (keepAlive) {
            if (version.equals(HttpVersion.HTTP_1_0)) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(r, ctx.voidPromise());
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
        onAnswered.run();
    }
}
