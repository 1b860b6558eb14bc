package io.github.mercurejakarta.http;

import io.github.mercurejakarta.exceptions.HubUnavailableException;
import io.github.mercurejakarta.exceptions.InvalidUpdateException;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.auth.InvalidTokenException;
import io.github.mercurejakarta.auth.TokenVerifier;
import io.github.mercurejakarta.auth.VerificationContext;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.auth.VerifiedTokens;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.Limit;
import io.github.mercurejakarta.hub.LimitExceededException;
import io.github.mercurejakarta.hub.SubscriberSink;
import io.github.mercurejakarta.hub.Subscription;
import io.github.mercurejakarta.hub.SubscriptionRequest;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.match.InvalidSelectorException;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.FieldRules;
import io.github.mercurejakarta.protocol.InvalidFieldException;
import io.github.mercurejakarta.protocol.UpdateRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an HTTP request to the hub means, in plain Java: query parameters become a subscription, a form
 * becomes an update, tokens become grants, and every failure becomes a status, headers and a body.
 * Front ends (JAX-RS embedded or standalone, Netty) only move bytes; none re-implements this.
 *
 * <p>Both drafts at once: {@code topic=} is draft-07, {@code match=}/{@code match_urlpattern=} is
 * draft-08; each client sees its own draft's parameter names, response headers and cookie name.
 */
public final class HubProtocol {

    private static final Logger LOG = Logger.getLogger(HubProtocol.class.getName());
    /** Seconds a client refused by a connection limit is asked to wait (429 Retry-After). */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final String CACHE_CONTROL = "private, no-cache, no-store, must-revalidate, max-age=0";

    private final MercureConfig config;
    private final Hub hub;
    /** Verified tokens are cached until their exp: a publisher sends the same token with every update. */
    private final VerifiedTokens subscriberTokens;
    private final VerifiedTokens publisherTokens;
    private final Cors cors;
    private final SubscriptionsApi subscriptionsApi;
    private final ClientAddress clientAddress;
    private final int maxSelectorLength;

    public HubProtocol(MercureConfig config, Hub hub) {
        this.config = config;
        this.hub = hub;
        this.subscriberTokens = config.subscriberKey()
                .map(k -> new VerifiedTokens(new TokenVerifier(VerificationKey.parse(k), config.issuer()),
                        VerifiedTokens.DEFAULT_SIZE)).orElse(null);
        this.publisherTokens = config.publisherKey()
                .map(k -> new VerifiedTokens(new TokenVerifier(VerificationKey.parse(k), config.issuer()),
                        VerifiedTokens.DEFAULT_SIZE)).orElse(null);
        this.cors = new Cors(config.corsOrigins());
        this.subscriptionsApi = new SubscriptionsApi(this, hub);
        this.clientAddress = new ClientAddress(hub.operations().trustedProxies());
        this.maxSelectorLength = hub.operations().maxSelectorLength();
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
        Map<String, String> corsHeaders = cors.headers(request);
        try {
            FormData query = FormData.parse(request.rawQuery() == null ? "" : request.rawQuery());
            Selection selection = selection(query, request.hubUrl());
            Dialect dialect = selection.dialect;
            BearerToken token = BearerToken.find(request, dialect, query, cookieNames(dialect));
            if (token.malformed()) {
                return failed(invalidRequest("malformed Authorization header"), corsHeaders);
            }
            Grants grants = Grants.NONE;
            if (token.present()) {
                grants = verify(subscriberTokens, token.value(), request);
                if (grants == null) {
                    return failed(invalidToken(), corsHeaders);
                }
            } else if (!config.allowAnonymous()) {
                return failed(challenge(), corsHeaders);
            }
            String lastEventId = request.header("Last-Event-ID");
            if (lastEventId == null && query.has(dialect.lastEventIdParameter())) {
                lastEventId = query.first(dialect.lastEventIdParameter());
            }
            Grants g = grants;
            // draft-08 picks the payload per selector (first subscribe detail matching it); draft-07's is token-wide
            List<Object> payloads = new ArrayList<>(selection.selectors.size());
            for (TopicMatcher m : selection.selectors) {
                payloads.add(grants.payloadFor(m.selector()).orElse(null));
            }
            Instant exp = grants.expiresAt().orElse(null);
            SubscriptionRequest sr = new SubscriptionRequest(dialect, selection.selectors,
                    token.present() ? g::maySubscribeToAny : SubscriptionRequest.PUBLIC_ONLY, payloads.get(0), lastEventId,
                    exp, hubPathOf(request.hubUrl()), payloads);
            Subscription subscription = hub.subscribe(sr, sink, clientAddress.of(request));
            Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
            headers.put("Cache-Control", CACHE_CONTROL);
            headers.put("Pragma", "no-cache");
            headers.put("Expires", "0");
            headers.put("X-Accel-Buffering", "no");
            if (subscription.resolvedCursor() != null) {
                headers.put(dialect.lastEventIdResponseHeader(), subscription.resolvedCursor());
            }
            return new SubscribeResult(null, subscription, headers);
        } catch (BadRequest e) {
            return failed(HubResponse.of(400, e.getMessage()), corsHeaders);
        } catch (LimitExceededException e) {
            return failed(limitResponse(e), corsHeaders);
        } catch (MalformedFormException e) {
            return failed(HubResponse.of(400, "the query is not valid UTF-8: " + e.getMessage()), corsHeaders);
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "MERCURE0102W subscribe failed: history unavailable: {0}", e.getMessage());
            return failed(HubResponse.of(503, "the hub cannot read its history right now"), corsHeaders);
        } catch (HubUnavailableException e) {
            return failed(HubResponse.of(503, "the hub is not accepting subscribers: " + e.getMessage()), corsHeaders);
        }
    }

    /**
     * Interprets a publish request (POST with a form body of at most {@code mercure.hub.max.body.size}
     * bytes; the front end answers 413 itself beyond that, or passes null here).
     */
    public HubResponse publish(HubRequest request, byte[] body) {
        Map<String, String> corsHeaders = cors.headers(request);
        HubResponse r = doPublish(request, body);
        return r.headers(corsHeaders);
    }

    private HubResponse doPublish(HubRequest request, byte[] body) {
        if (!config.allowPublish()) {
            return HubResponse.of(405, "publishing over HTTP is disabled on this hub (mercure.hub.allow.publish)")
                    .header("Allow", "GET, OPTIONS");
        }
        if (body == null) {
            hub.metrics().limitRejected(Limit.BODY_SIZE, "a body over " + config.maxBodySize() + " bytes");
            return HubResponse.of(413, "the body exceeds " + config.maxBodySize() + " bytes");
        }
        BearerToken token = BearerToken.find(request, Dialect.DRAFT_08, null, allCookieNames());
        if (token.malformed()) {
            return invalidRequest("malformed Authorization header");
        }
        if (!token.present()) {
            return challenge();
        }
        if (token.source() == BearerToken.Source.COOKIE) {
            HubResponse csrf = checkPublishOrigin(request);
            if (csrf != null) {
                return csrf;
            }
        }
        Grants grants = verify(publisherTokens, token.value(), request);
        if (grants == null) {
            return invalidToken();
        }
        String contentType = request.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return HubResponse.of(400, "the body must be application/x-www-form-urlencoded");
        }
        Update update;
        try {
            update = update(FormData.parse(body));
        } catch (BadRequest | InvalidUpdateException | InvalidFieldException e) {
            return HubResponse.of(400, e.getMessage());
        } catch (MalformedFormException e) {
            return HubResponse.of(400, "the body is not a valid UTF-8 form: " + e.getMessage());
        }
        if (!grants.mayPublishAll(update.topics())) {
            return HubResponse.of(403, "the token does not grant publishing on every topic of the update")
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        }
        try {
            String id = hub.publish(update);
            return HubResponse.of(200, id);
        } catch (InvalidUpdateException e) {
            return HubResponse.of(400, e.getMessage());
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "MERCURE0101W publish failed: transport unavailable: {0}", e.getMessage());
            return HubResponse.of(503, "the hub cannot accept updates right now");
        } catch (HubUnavailableException e) {
            return HubResponse.of(503, "the hub is shutting down");
        }
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

    /** @return the path of an absolute hub URL ({@code /app/.well-known/mercure}), null when unparsable */
    static String pathOf(String hubUrl) {
        try {
            return hubUrl == null ? null : java.net.URI.create(hubUrl).getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The last hub URL a subscribe came with and its path: nearly every subscriber has the same. */
    private volatile HubPath lastHubPath = new HubPath(null, null);

    private record HubPath(String url, String path) {
    }

    /**
     * {@link #pathOf} of a subscribe's hub URL, one String shared by the subscriptions that have the same
     * (each subscription keeps its hub path for as long as it is open).
     */
    private String hubPathOf(String hubUrl) {
        HubPath last = lastHubPath;
        if (hubUrl != null && hubUrl.equals(last.url())) {
            return last.path();
        }
        String path = pathOf(hubUrl);
        if (hubUrl != null) {
            lastHubPath = new HubPath(hubUrl, path);
        }
        return path;
    }

    /** The answer to a CORS preflight. */
    public HubResponse preflight(HubRequest request) {
        return cors.preflight(request);
    }

    private Update update(FormData form) {
        List<String> topics = form.all("topic");
        if (topics.isEmpty()) {
            throw new BadRequest("missing topic");
        }
        if (topics.size() > config.maxTopics()) {
            hub.metrics().limitRejected(Limit.TOPICS, topics.size() + " topics in one update");
            throw new BadRequest("too many topics: " + topics.size() + " (at most " + config.maxTopics() + ")");
        }
        Update.Builder b = Update.builder().topics(topics);
        if (form.has("data")) {
            b.data(form.first("data"));
        }
        // the field's presence alone makes the update private, whatever its value (spec: never read it)
        b.privateUpdate(form.has("private"));
        String id = form.first("id");
        if (id != null && !id.isEmpty()) {
            b.id(id);
        }
        String type = form.first("type");
        if (type != null && !type.isEmpty()) {
            b.type(type);
        }
        String retry = form.first("retry");
        if (retry != null && !retry.isEmpty()) {
            b.retry(FieldRules.parseRetry(retry));
        }
        Update u = b.build();
        UpdateRules.check(u, config.maxTopics());
        return u;
    }

    private record Selection(Dialect dialect, List<TopicMatcher> selectors) {
    }

    private Selection selection(FormData query, String hubUrl) {
        List<TopicMatcher> selectors = new ArrayList<>();
        boolean draft07 = false;
        boolean draft08 = false;
        for (FormData.Pair p : query.pairs()) {
            String name = p.name();
            if ("topic".equals(name)) {
                draft07 = true;
                selectors.add(selector(p.value(), null, hubUrl));
            } else if (name.toLowerCase(Locale.ROOT).startsWith("match")) {
                String type = switch (name) {
                    case "match", "match_exact" -> "exact";
                    case "match_urlpattern" -> "urlpattern";
                    default -> throw new BadRequest("unsupported matcher parameter: " + name);
                };
                draft08 = true;
                selectors.add(selector(p.value(), type, hubUrl));
            }
            if (selectors.size() > config.maxSelectors()) {
                hub.metrics().limitRejected(Limit.SELECTORS, "more than " + config.maxSelectors() + " selectors");
                throw new BadRequest("too many selectors (at most " + config.maxSelectors() + ")");
            }
        }
        if (draft07 && draft08) {
            throw new BadRequest("a subscription uses either topic (draft-07) or match (draft-08) parameters, not both");
        }
        if (selectors.isEmpty()) {
            throw new BadRequest("missing topic selector: give a match (or topic) parameter");
        }
        return new Selection(draft07 ? Dialect.DRAFT_07 : Dialect.DRAFT_08, selectors);
    }

    private TopicMatcher selector(String value, String matchType, String hubUrl) {
        if (value != null && value.length() > maxSelectorLength) {
            hub.metrics().limitRejected(Limit.SELECTOR_LENGTH, "a selector of " + value.length() + " characters");
            throw new BadRequest("invalid selector: longer than " + maxSelectorLength + " characters");
        }
        // only a URL pattern depends on the hub URL (relative patterns are resolved against it)
        MatcherKey key = value == null ? null : new MatcherKey(value, matchType, "urlpattern".equals(matchType) ? hubUrl : null);
        TopicMatcher cached = key == null ? null : matchers.get(key);
        if (cached != null) {
            return cached;
        }
        TopicMatcher matcher;
        try {
            FieldRules.checkSelector(value, maxSelectorLength);
            matcher = matchType == null ? TopicMatchers.draft07(value) : TopicMatchers.draft08(matchType, value, hubUrl);
        } catch (InvalidSelectorException | InvalidFieldException e) {
            throw new BadRequest("invalid selector: " + e.getMessage());
        }
        if (matchers.size() < MAX_SHARED_MATCHERS) {
            TopicMatcher raced = matchers.putIfAbsent(key, matcher);
            return raced != null ? raced : matcher;
        }
        return matcher;
    }

    /**
     * Most distinct selectors whose matchers are shared: subscribers with the same selector (thousands of
     * streams on a few topics) hold one immutable matcher, compiled once, instead of one each. Beyond this
     * many distinct selectors a matcher is made per subscription, as without the cache.
     */
    private static final int MAX_SHARED_MATCHERS = 4096;

    /** A selector as given (value, draft-08 match type or null for draft-07, hub URL for a URL pattern). */
    private record MatcherKey(String value, String matchType, String base) {
    }

    private final Map<MatcherKey, TopicMatcher> matchers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Verifies a subscriber token: the grants, or null when it is invalid. */
    Grants verifySubscriber(String token, HubRequest request) {
        return verify(subscriberTokens, token, request);
    }

    Cors cors() {
        return cors;
    }

    /** @return the grants, or null when the token is invalid (the reason is logged at FINE, never the token) */
    private Grants verify(VerifiedTokens verifier, String token, HubRequest request) {
        if (verifier == null) {
            LOG.fine("a token was presented but no key is configured to verify it");
            return null;
        }
        try {
            String audience = config.audience().orElse(request.hubUrl());
            return verifier.verify(token, new VerificationContext(audience, request.hubUrl(), Instant.now()));
        } catch (InvalidTokenException e) {
            LOG.log(Level.FINE, "invalid token: {0}", e.getMessage());
            return null;
        }
    }

    private HubResponse checkPublishOrigin(HubRequest request) {
        String origin = request.header("Origin");
        if (origin == null) {
            String referer = request.header("Referer");
            if (referer != null) {
                try {
                    java.net.URI u = new java.net.URI(referer);
                    origin = u.getScheme() + "://" + u.getRawAuthority();
                } catch (java.net.URISyntaxException | NullPointerException e) {
                    origin = null;
                }
            }
        }
        if (origin == null) {
            return invalidRequest("publishing with a cookie needs an Origin or Referer header");
        }
        if (!config.publishOrigins().contains(origin)) {
            return invalidRequest("origin not allowed to publish with a cookie: " + origin);
        }
        return null;
    }

    private String[] cookieNames(Dialect dialect) {
        return config.authzCookieName().map(n -> new String[] {n})
                .orElseGet(() -> new String[] {dialect.defaultCookieName()});
    }

    String[] allCookieNames() {
        return config.authzCookieName().map(n -> new String[] {n}).orElseGet(
                () -> new String[] {Dialect.DRAFT_08.defaultCookieName(), Dialect.DRAFT_07.defaultCookieName()});
    }

    private static SubscribeResult failed(HubResponse r, Map<String, String> corsHeaders) {
        return new SubscribeResult(r.headers(corsHeaders), null, Map.of());
    }

    /** 429 with Retry-After (RFC 6585 §4) for the connection limits; the limit's own status otherwise. */
    static HubResponse limitResponse(LimitExceededException e) {
        HubResponse r = HubResponse.of(e.limit().status(), e.getMessage());
        return e.limit().status() == 429 ? r.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)) : r;
    }

    /** RFC 6750 §3: no token where one is needed → a bare challenge. */
    static HubResponse challenge() {
        return HubResponse.of(401, "a token is required").header("WWW-Authenticate", "Bearer");
    }

    static HubResponse invalidToken() {
        return HubResponse.of(401, "invalid token").header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    static HubResponse invalidRequest(String why) {
        return HubResponse.of(400, why).header("WWW-Authenticate", "Bearer error=\"invalid_request\"");
    }

    /** A request the protocol refuses with 400; the message is the response body. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
