package io.github.mercurejakarta.server.netty;

import io.github.mercurejakarta.http.HubResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last handler of a connection's pipeline: turns each aggregated request into a {@link NettyExchange}
 * and gives it to the {@link NettyRouter}, on the event loop or, when the hub's transport may block (Redis),
 * on a worker (the connection stops reading meanwhile, so pipelined requests are answered in order). Once
 * a connection carries an SSE stream, further input is discarded.
 */
final class NettyHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(NettyHttpHandler.class.getName());

    private final NettyRouter router;
    private final Executor worker;
    /** Event loop only (or set before the stream starts): the stream this connection carries. */
    private volatile SseChannelSink stream;

    /** @param worker where requests run; null: on the event loop */
    NettyHttpHandler(NettyRouter router, Executor worker) {
        this.router = router;
        this.worker = worker;
    }

    /** The connection now carries {@code sink}'s stream. */
    void streaming(SseChannelSink sink) {
        this.stream = sink;
    }

    /** An aggregator that answers an oversized body through the router (the hub's own 413), then closes. */
    final class Aggregator extends HttpObjectAggregator {
        Aggregator(int maxContentLength) {
            super(maxContentLength, true);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            if (oversized instanceof HttpRequest request) {
                ctx.channel().config().setAutoRead(false);
                handle(new NettyExchange(ctx.pipeline().context(NettyHttpHandler.this), request, null, () -> { }));
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (stream != null || !(msg instanceof FullHttpRequest request)) {
                return;
            }
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                int status = cause instanceof TooLongHttpLineException ? 414
                        : cause instanceof TooLongHttpHeaderException ? 431
                        : cause instanceof TooLongFrameException ? 413 : 400;
                NettyExchange bad = new NettyExchange(ctx, request, null, () -> { });
                bad.respond(HubResponse.of(status, "malformed request: " + cause.getMessage()));
                return;
            }
            byte[] body = ByteBufUtil.getBytes(request.content());
            if (worker == null) {
                handle(new NettyExchange(ctx, request, body, () -> { }));
            } else {
                ctx.channel().config().setAutoRead(false);
                NettyExchange exchange = new NettyExchange(ctx, request, body, () -> ctx.channel().config().setAutoRead(true));
                worker.execute(() -> handle(exchange));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(NettyExchange exchange) {
        try {
            router.dispatch(exchange);
        } catch (IllegalArgumentException e) {
            if (!exchange.answered()) {
                exchange.respond(HubResponse.of(400, "malformed request: " + e.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "MERCURE0105E " + exchange.method() + " " + exchange.rawPath() + " failed", e);
            if (!exchange.answered()) {
                exchange.respond(HubResponse.of(500, "internal error"));
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        SseChannelSink s = stream;
        if (s != null) {
            s.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection failed", cause);
        ctx.close();
    }
}
