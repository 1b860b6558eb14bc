package io.github.mercurejakarta.http;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.hub.Subscription;

import io.github.mercurejakarta.auth.JwksKeys;

import java.util.List;
import java.util.Map;

/**
 * What an HTTP request to the hub means, in plain Java: query parameters become a subscription, a form
 * becomes an update, tokens become grants, and every failure becomes a status, headers and a body.
 * Front ends (JAX-RS embedded or standalone, Netty) only move bytes; none re-implements this.
 *
 * <p>This class is the front ends' one entry; the work is split by request: {@link SubscribeRequests},
 * {@link PublishRequests}, {@link SubscriptionsApi} and {@link Cors} (preflight), over the shared
 * {@link HubAuthorization} (tokens, cookie names, 401 answers).
 *
 * <p>Both drafts at once: {@code topic=} is draft-07, {@code match=}/{@code match_urlpattern=} is
 * draft-08; each client sees its own draft's parameter names, response headers and cookie name.
 */
public final class HubProtocol {

    private final Hub hub;
    private final Cors cors;
    private final HubAuthorization authorization;
    private final SubscribeRequests subscribes;
    private final PublishRequests publishes;
    private final SubscriptionsApi subscriptionsApi;
    private final long maxBodySize;

    public HubProtocol(MercureConfig config, Hub hub) {
        this.hub = hub;
        this.cors = new Cors(config.corsOrigins());
        this.authorization = new HubAuthorization(config);
        this.subscribes = new SubscribeRequests(config, hub, cors, authorization);
        this.publishes = new PublishRequests(config, hub, cors, authorization);
        this.subscriptionsApi = new SubscriptionsApi(this, hub);
        this.maxBodySize = config.maxBodySize();
    }

    public Hub hub() {
        return hub;
    }

    /** The outcome of a subscribe request: an error to send, or a registered subscription to start. */
    public record SubscribeResult(HubResponse error, Subscription subscription, Map<String, String> headers) {
        /** @return true when the stream may start */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Interprets a subscribe request (GET) and registers the subscriber. On success the front end sends
     * 200 with {@link SubscribeResult#headers()} (plus {@code Content-Type: text/event-stream}) and then
     * calls {@link Subscription#start()}; nothing is written to {@code sink} before that.
     */
    public SubscribeResult subscribe(HubRequest request, SubscriberSink sink) {
        return subscribes.subscribe(request, sink);
    }

    /**
     * Interprets a subscribe request made with the {@code QUERY} method (draft-08): the selectors and
     * {@code last_event_id} in an {@code application/x-www-form-urlencoded} body, for sets too long for a URL.
     * The URL's parameters and the body's are taken together (their union); the URL's {@code last_event_id}
     * beats the body's. Otherwise exactly as {@link #subscribe}: the same checks, answers and stream.
     *
     * <pre>{@code
     * QUERY /.well-known/mercure HTTP/1.1
     * Content-Type: application/x-www-form-urlencoded
     *
     * match=https%3A%2F%2Fexample.com%2Fbooks%2F1&match_urlpattern=https%3A%2F%2Fexample.com%2Fusers%2F%3Aid
     * }</pre>
     *
     * @param body the body, at most {@code mercure.hub.max.body.size} bytes; null when it was longer (413)
     */
    public SubscribeResult query(HubRequest request, byte[] body, SubscriberSink sink) {
        return subscribes.query(request, body, maxBodySize, sink);
    }

    /**
     * Interprets a publish request (POST with a form body of at most {@code mercure.hub.max.body.size}
     * bytes; the front end answers 413 itself beyond that, or passes null here).
     */
    public HubResponse publish(HubRequest request, byte[] body) {
        return publishes.publish(request, body);
    }

    /**
     * Interprets a request to the subscriptions API ({@code GET {hub}/subscriptions...}).
     *
     * @param rawSubPath what follows {@code /subscriptions} in the request path, still percent-encoded
     *                   ({@code ""}, {@code "/exact/https%3A%2F%2Fe.x%2F1"}, ...)
     * @see SubscriptionsApi
     */
    public HubResponse subscriptions(HubRequest request, String rawSubPath) {
        return subscriptionsApi.handle(request, rawSubPath);
    }

    /** The answer to a CORS preflight. */
    public HubResponse preflight(HubRequest request) {
        return cors.preflight(request);
    }

    /** @return the JWK Sets this hub verifies tokens with (none unless a {@code *.jwks.url} is set), for readiness */
    public List<JwksKeys> keySets() {
        return authorization.keySets();
    }

    HubAuthorization authorization() {
        return authorization;
    }

    Cors cors() {
        return cors;
    }
}
