package io.github.mercurejakarta.server.netty;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.DebugPage;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.http.PrometheusText;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.server.FrontEnd;
import io.github.mercurejakarta.server.HealthReport;
import io.github.mercurejakarta.server.StandaloneHub;
import io.github.mercurejakarta.server.UserError;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hub's Netty front end ({@code --front-end netty}, the default): Netty's HTTP/1.1 codec, the library's
 * front-end-neutral {@link HubProtocol} behind a small {@link NettyRouter}, and SSE streams written by one
 * {@link SseWriter} per event loop from shared buffers (see {@link SseChannelSink}).
 *
 * <p>Routes (the same as the JAX-RS front end's, with the same answers):
 * <ul>
 *   <li>{@code /.well-known/mercure}: GET subscribes, POST publishes (body at most
 *       {@code mercure.hub.max.body.size}, else the hub's 413), OPTIONS answers CORS preflights;</li>
 *   <li>{@code /.well-known/mercure/subscriptions[/...]}: the subscriptions API (GET, OPTIONS), path
 *       segments passed still percent-encoded;</li>
 *   <li>{@code /.well-known/mercure/ui[/...]}: the debugging page ({@code --ui}), 404 when off.</li>
 * </ul>
 * Add an endpoint in {@link #routes}: one {@link NettyRouter} registration.
 */
public final class NettyFrontEnd implements FrontEnd {

    /** Longest request line: subscription URLs carry several selectors (each up to 4 KiB) and maybe a token. */
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 8 * 1024;
    /** A stream is unwritable (backpressure) once this much waits in the hub for a slow client. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
    /**
     * Reads into 4 KiB buffers (pooled, returned after each read), one allocator for every connection: a request
     * is read once and a stream then reads nothing, so Netty's default adaptive sizing (an allocator, a handle and
     * a calculator per connection: ≈ 70 bytes of each idle stream's heap, measured) buys nothing here.
     */
    private static final FixedRecvByteBufAllocator RECEIVE = new FixedRecvByteBufAllocator(4096);

    /** Handler names: the HTTP codec and the aggregator, both removed once a connection carries a stream. */
    private static final String HTTP = "http";
    private static final String AGGREGATOR = "aggregator";

    private final EventLoopGroup group;
    private final Channel server;
    private final ExecutorService worker;
    private final int port;
    private final String io;

    private NettyFrontEnd(EventLoopGroup group, Channel server, ExecutorService worker, String io) {
        this.group = group;
        this.server = server;
        this.worker = worker;
        this.io = io;
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Binds {@code host:port} and serves {@code hub}.
     *
     * @throws UserError when the address is taken or cannot be bound
     */
    public static NettyFrontEnd start(StandaloneHub hub, String host, int port, Duration timeout) {
        MercureConfig config = hub.config();
        // the local transport never blocks: everything runs on the event loops; a remote one (Redis) does
        // network round trips in publish, subscribe and unregister, and a JWK Set is fetched again when a token
        // names an unknown kid (up to its timeout), so with either requests run on a worker pool instead. Its
        // threads mostly wait (for Redis, or for PostgreSQL's commit, which takes every publish that waits as
        // one group: more waiting publishes, larger groups). A ThreadPoolExecutor grows past its core size only
        // when its queue is full, never with an unbounded queue: so the core size is the size (it was 2, which
        // made a PostgreSQL node commit two updates at a time), and idle threads end after 30 s.
        boolean blocking = !"local".equals(config.transport()) || !hub.protocol().keySets().isEmpty();
        int workers = Math.max(32, Runtime.getRuntime().availableProcessors() * 8);
        ThreadPoolExecutor pool = !blocking ? null : new ThreadPoolExecutor(
                workers, workers, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("mercure-http-worker", true));
        if (pool != null) {
            pool.allowCoreThreadTimeOut(true);
        }
        ExecutorService worker = pool;
        Executor closer = worker == null ? Runnable::run : worker;
        // Linux's epoll when Netty's native library loads (not with -Dio.netty.transport.noNative=true), else
        // the JDK's NIO selector: an epoll channel keeps a file descriptor where NIO keeps a SocketChannelImpl,
        // its locks and a SelectionKey, a third of an idle stream's heap (bench/RESULTS.md, "epoll")
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("mercure-http", true), io);
        Map<EventLoop, SseWriter> writers = new ConcurrentHashMap<>();
        NettyRouter router = routes(hub, writers, closer);
        int maxBody = (int) Math.min(Integer.MAX_VALUE - 8, config.maxBodySize());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        NettyHttpHandler handler = new NettyHttpHandler(router, worker);
                        ch.pipeline().addLast(HTTP, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
                        ch.pipeline().addLast(AGGREGATOR, handler.new Aggregator(maxBody));
                        ch.pipeline().addLast("hub", handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port);
        boolean done = bound.awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done || !bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (worker != null) {
                worker.shutdownNow();
            }
            if (!done) {
                throw new UserError(UserError.CANNOT_START, "the HTTP server did not start within " + timeout.toSeconds() + " s");
            }
            throw FrontEnd.bindFailure(bound.cause(), host, port); // the future is the bind's
        }
        return new NettyFrontEnd(group, bound.channel(), worker, epoll ? "epoll" : "nio");
    }

    /** The standalone hub's routes. */
    static NettyRouter routes(StandaloneHub hub, Map<EventLoop, SseWriter> writers, Executor closer) {
        MercureConfig config = hub.config();
        HubProtocol protocol = hub.protocol();
        DebugPage page = new DebugPage(config.ui());
        String path = NettyExchange.HUB_PATH;
        NettyRouter router = new NettyRouter();
        router.exact("GET", path, x -> subscribe(x, protocol, writers, config.subscriberQueueSize(), closer));
        // draft-08's QUERY: the selectors in a form body (aggregated like a publish body; null beyond the limit: 413)
        router.exact("QUERY", path, x -> subscribe(x, protocol, writers, config.subscriberQueueSize(), closer));
        router.exact("POST", path, x -> x.respond(protocol.publish(x.hubRequest(), x.body())));
        router.exact("OPTIONS", path, x -> x.respond(protocol.preflight(x.hubRequest())));
        router.tree("GET", path + "/subscriptions", x -> x.respond(protocol.subscriptions(x.hubRequest(), x.rest())));
        router.tree("OPTIONS", path + "/subscriptions", x -> x.respond(protocol.preflight(x.hubRequest())));
        router.tree("GET", path + "/ui", x -> x.respond(debugPage(x, page)));
        Hub core = hub.hub();
        router.exact("GET", "/metrics", x -> x.respond(HubResponse.of(200, PrometheusText.CONTENT_TYPE,
                PrometheusText.of(core.metrics())).header("Cache-Control", "no-store")));
        router.exact("GET", "/health", x -> x.respond(HealthReport.all(core, protocol.keySets())));
        router.exact("GET", "/health/live", x -> x.respond(HealthReport.live(core)));
        router.exact("GET", "/health/ready", x -> x.respond(HealthReport.ready(core, protocol.keySets())));
        router.exact("GET", "/health/started", x -> x.respond(HealthReport.started()));
        return router;
    }

    /** {@code ui} redirects to {@code ui/}, which is the page; {@code ui/NAME} is one of its files. */
    private static HubResponse debugPage(NettyExchange x, DebugPage page) {
        String rest = x.rest();
        if (rest.isEmpty()) {
            if (!page.enabled()) {
                return page.file("index.html");
            }
            return HubResponse.of(301, null).header("Location", x.origin() + x.rawPath() + "/");
        }
        if (rest.equals("/")) {
            return page.file("index.html");
        }
        String name = QueryStringDecoder.decodeComponent(rest.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        return page.file(name.contains("/") ? "" : name);
    }

    /**
     * Registers the subscriber; on success writes the SSE response head on the connection's event loop and
     * starts the stream there (opening comment, replay, then live updates, all through the loop's writer).
     */
    private static void subscribe(NettyExchange x, HubProtocol protocol, Map<EventLoop, SseWriter> writers,
                                  int capacity, Executor closer) {
        if (x.method().equals("HEAD")) {
            x.respond(HubResponse.of(405, "HEAD does not open a stream").header("Allow", "GET, QUERY, POST, OPTIONS"));
            return;
        }
        ChannelHandlerContext ctx = x.ctx();
        Channel channel = ctx.channel();
        EventLoop loop = channel.eventLoop();
        SseWriter writer = writers.computeIfAbsent(loop, l -> new SseWriter(l, channel.alloc()));
        boolean chunked = !x.version().equals(HttpVersion.HTTP_1_0);
        SseChannelSink sink = new SseChannelSink(channel, ctx, writer, chunked, capacity, closer);
        HubProtocol.SubscribeResult result = x.method().equals("QUERY")
                ? protocol.query(x.hubRequest(), x.body(), sink)
                : protocol.subscribe(x.hubRequest(), sink);
        if (!result.ok()) {
            x.respond(result.error());
            return;
        }
        Runnable open = () -> {
            if (!channel.isActive() || !x.claimForStream()) {
                result.subscription().close();
                return;
            }
            HttpResponse head = new DefaultHttpResponse(x.version(), HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            result.headers().forEach((name, value) -> head.headers().add(name, value));
            if (chunked) {
                HttpUtil.setTransferEncodingChunked(head, true);
            } else {
                head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.write(head, ctx.voidPromise());
            ((NettyHttpHandler) ctx.handler()).streaming(sink);
            // the head went through the HTTP encoder; from now on the stream's bytes are written already
            // framed from this context and further input is discarded, so the codec and the aggregator go:
            // an open stream keeps no decoder state, header parser buffers or handler contexts of its own
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.remove(AGGREGATOR);
            pipeline.remove(HTTP);
            sink.bind(result.subscription().subscriber());
            result.subscription().start(); // the opening comment goes out with the head
        };
        if (loop.inEventLoop()) {
            open.run();
        } else {
            loop.execute(open);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String io() {
        return io;
    }

    @Override
    public void stop(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        server.close().awaitUninterruptibly(bound.toMillis());
        long left = Math.max(0, deadline - System.nanoTime());
        group.shutdownGracefully(0, TimeUnit.NANOSECONDS.toMillis(left), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 100);
        if (worker != null) {
            worker.shutdownNow();
        }
        if (!group.isTerminated()) {
            System.err.println("The HTTP server did not stop within " + bound.toMillis() + " ms; exiting anyway");
        }
    }
}
