package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubRequest;
import io.github.mercurejakarta.http.HubResponse;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.hub.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.SseEventSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub endpoint, {@code /.well-known/mercure} below the application's JAX-RS root: GET (and draft-08's
 * QUERY, selectors in a form body) subscribes (SSE), POST publishes, OPTIONS answers CORS preflights. It only translates between JAX-RS and
 * {@link HubProtocol}; the protocol lives there.
 *
 * <p>In a Jakarta EE application it is a CDI bean found by JAX-RS scanning (the application needs a
 * JAX-RS {@code Application}; with {@code @ApplicationPath("/")} the hub is at {@code /.well-known/mercure}).
 * The standalone hub creates it with {@link #HubResource(HubProtocol, long, Supplier)}.
 */
@Path("/.well-known/mercure")
@ApplicationScoped
public class HubResource {

    private static final long OPENING_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(HubResource.class.getName());

    private HubProtocol protocol;
    private long maxBodySize;
    private Supplier<String> peerAddress = () -> null;

    /** For CDI. */
    public HubResource() {
    }

    /** For a front end without CDI (the standalone hub). */
    public HubResource(HubProtocol protocol, long maxBodySize) {
        this(protocol, maxBodySize, () -> null);
    }

    /**
     * For a front end without CDI (the standalone hub).
     *
     * @param peerAddress called on the request thread: the address of the connection's peer, or null
     */
    public HubResource(HubProtocol protocol, long maxBodySize, Supplier<String> peerAddress) {
        this.protocol = protocol;
        this.maxBodySize = maxBodySize;
        this.peerAddress = peerAddress;
    }

    @Inject
    void init(EmbeddedHub embedded) {
        embedded.serving();
        this.protocol = embedded.protocol().orElse(null);
        this.maxBodySize = embedded.config().maxBodySize();
        this.peerAddress = ServletPeerAddress.supplier();
        // the hub read its settings once: ask it rather than parsing the configuration again
        if (peerAddress == ServletPeerAddress.NONE
                && embedded.hub().map(h -> h.operations().maxConnectionsPerAddress() > 0).orElse(false)) {
            LOG.warning("MERCURE0005W the application cannot see the Servlet API, so the embedded hub cannot tell client"
                    + " addresses apart: mercure.hub.max.connections.per.address is not applied (mercure.hub.max.connections is)");
        }
    }

    private HubProtocol protocol() {
        if (protocol == null) {
            ResponseHeaders.unbind();
            throw new NotFoundException("the embedded Mercure hub is off (mercure.hub)");
        }
        return protocol;
    }

    /** Subscribe: an SSE stream of the updates matching the request's selectors. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context UriInfo uri, @Context HttpHeaders headers) {
        open(sink, protocol().subscribe(new JaxrsHubRequest("GET", uri, headers, peerAddress()), new JaxrsSink(sink)));
    }

    /**
     * Subscribe with {@code QUERY} (draft-08): the selectors in a form body, for sets too long for a URL; the
     * same stream and answers as GET (413 beyond {@code mercure.hub.max.body.size}).
     */
    @Query
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void query(InputStream body, @Context SseEventSink sink, @Context UriInfo uri, @Context HttpHeaders headers)
            throws IOException {
        HubProtocol p = protocol();
        byte[] bytes = readBounded(body);
        open(sink, p.query(new JaxrsHubRequest("QUERY", uri, headers, peerAddress()), bytes, new JaxrsSink(sink)));
    }

    /** @return the body, or null when it is longer than the limit (only the limit + 1 bytes are read) */
    private byte[] readBounded(InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        return bytes.length > maxBodySize ? null : bytes;
    }

    private void open(SseEventSink sink, HubProtocol.SubscribeResult result) {
        if (!result.ok()) {
            ResponseHeaders.unbind();
            throw new WebApplicationException(toResponse(result.error()));
        }
        ResponseHeaders.set(result.headers());
        // The first send flushes the response head. It is done here, on the request thread, and awaited:
        // RESTEasy's sink moves from "not flushed" to "pass-through" in a handshake with its own
        // post-invocation flush, and a first send from another thread racing it can leave later events
        // queued inside the sink forever (seen on Open Liberty 26.0.0.3). Once flushed, the hub's writer
        // threads only ever take the pass-through path.
        try {
            sink.send(new EncodedFrame(Subscription.openingComment())).toCompletableFuture()
                    .get(OPENING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.subscription().close();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.FINE, "could not open the stream of {0}: {1}", new Object[] {result.subscription().subscriberId(), e});
            result.subscription().close();
            return;
        }
        result.subscription().start(false);
    }

    /** Publish: a form with topic(s), data, private, id, type, retry; answers the update's id. */
    @POST
    public Response publish(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers) throws IOException {
        ResponseHeaders.unbind();
        HubProtocol p = protocol();
        return toResponse(p.publish(request("POST", uri, headers), readBounded(body)));
    }

    /** CORS preflight. */
    @OPTIONS
    public Response preflight(@Context UriInfo uri, @Context HttpHeaders headers) {
        ResponseHeaders.unbind();
        return toResponse(protocol().preflight(request("OPTIONS", uri, headers)));
    }

    static Response toResponse(HubResponse r) {
        Response.ResponseBuilder b = Response.status(r.status());
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        if (r.body() != null) {
            b.entity(r.body());
        }
        return b.build();
    }

    private String peerAddress() {
        try {
            return peerAddress.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the client address is not available: {0}", e.toString());
            return null;
        }
    }

    private static HubRequest request(String method, UriInfo uri, HttpHeaders headers) {
        return new JaxrsHubRequest(method, uri, headers);
    }

    /** Adapts an {@link SseEventSink} to the hub: pre-encoded bytes, one send per buffer. */
    private record JaxrsSink(SseEventSink sink) implements SubscriberSink {
        @Override
        public CompletionStage<?> write(byte[] bytes) {
            return sink.send(EncodedFrame.of(bytes));
        }

        @Override
        public void close() {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // the connection is already gone
            }
        }
    }
}
