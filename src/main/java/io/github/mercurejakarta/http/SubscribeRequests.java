package io.github.mercurejakarta.http;

import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.HubUnavailableException;
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
import io.github.mercurejakarta.tracing.TraceScope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a subscribe request (GET) means: its query parameters become selectors of one draft, its token
 * grants, and the hub registers the subscriber; or the failure's status, headers and body. Matchers and
 * hub paths are shared between the subscriptions that have the same, for as long as they are open.
 */
final class SubscribeRequests {

    private static final Logger LOG = Logger.getLogger(SubscribeRequests.class.getName());
    /** Seconds a client refused by a connection limit is asked to wait (429 Retry-After). */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final String CACHE_CONTROL = "private, no-cache, no-store, must-revalidate, max-age=0";

    private final MercureConfig config;
    private final Hub hub;
    private final Cors cors;
    private final HubAuthorization authorization;
    private final ClientAddress clientAddress;
    private final int maxSelectorLength;

    SubscribeRequests(MercureConfig config, Hub hub, Cors cors, HubAuthorization authorization) {
        this.config = config;
        this.hub = hub;
        this.cors = cors;
        this.authorization = authorization;
        this.clientAddress = new ClientAddress(hub.operations().trustedProxies());
        this.maxSelectorLength = hub.operations().maxSelectorLength();
    }

    /** @see HubProtocol#subscribe */
    HubProtocol.SubscribeResult subscribe(HubRequest request, SubscriberSink sink) {
        return subscribe(request, null, sink);
    }

    /**
     * @see HubProtocol#query
     * @param body a QUERY request's body (null for GET)
     */
    HubProtocol.SubscribeResult query(HubRequest request, byte[] body, long maxBodySize, SubscriberSink sink) {
        if (body == null) {
            return failed(HubResponse.of(413, "the QUERY body is larger than mercure.hub.max.body.size (" + maxBodySize
                    + " bytes); subscribe with fewer or shorter selectors"), cors.headers(request));
        }
        if (body.length > 0 && !isForm(request.header("Content-Type"))) {
            return failed(HubResponse.of(415, "a QUERY subscription's body must be application/x-www-form-urlencoded"),
                    cors.headers(request));
        }
        return subscribe(request, body, sink);
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    private HubProtocol.SubscribeResult subscribe(HubRequest request, byte[] body, SubscriberSink sink) {
        Map<String, String> corsHeaders = cors.headers(request);
        try {
            FormData query = FormData.parse(request.rawQuery() == null ? "" : request.rawQuery());
            // draft-08: the union of the URL's and the body's parameters; the URL's come first, so its
            // last_event_id wins over the body's (and the Last-Event-ID header over both)
            FormData parameters = body == null ? query : FormData.concat(query, FormData.parse(body));
            Selection selection = selection(parameters, request.hubUrl());
            Dialect dialect = selection.dialect;
            // a token is never taken from a body: only the header, the cookie, or draft-07's URL parameter
            BearerToken token = BearerToken.find(request, dialect, query, authorization.cookieNames(dialect));
            if (token.malformed()) {
                return failed(HubAuthorization.invalidRequest(token.problem()), corsHeaders);
            }
            Grants grants = Grants.NONE;
            if (token.present()) {
                grants = authorization.verifySubscriber(token.value(), request);
                if (grants == null) {
                    return failed(HubAuthorization.invalidToken(), corsHeaders);
                }
            } else if (!config.allowAnonymous()) {
                return failed(HubAuthorization.challenge(), corsHeaders);
            }
            String lastEventId = request.header("Last-Event-ID");
            if (lastEventId == null && parameters.has(dialect.lastEventIdParameter())) {
                lastEventId = parameters.first(dialect.lastEventIdParameter());
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
            Subscription subscription;
            try (TraceScope remote = hub.tracing().continueFrom(request::header)) {
                subscription = hub.subscribe(sr, sink, clientAddress.of(request));
            }
            Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
            headers.put("Cache-Control", CACHE_CONTROL);
            headers.put("Pragma", "no-cache");
            headers.put("Expires", "0");
            headers.put("X-Accel-Buffering", "no");
            if (subscription.resolvedCursor() != null) {
                headers.put(dialect.lastEventIdResponseHeader(), subscription.resolvedCursor());
            }
            return new HubProtocol.SubscribeResult(null, subscription, headers);
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

    private final Map<MatcherKey, TopicMatcher> matchers = new ConcurrentHashMap<>();

    private static HubProtocol.SubscribeResult failed(HubResponse r, Map<String, String> corsHeaders) {
        return new HubProtocol.SubscribeResult(r.headers(corsHeaders), null, Map.of());
    }

    /** 429 with Retry-After (RFC 6585 §4) for the connection limits; the limit's own status otherwise. */
    static HubResponse limitResponse(LimitExceededException e) {
        HubResponse r = HubResponse.of(e.limit().status(), e.getMessage());
        return e.limit().status() == 429 ? r.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)) : r;
    }

}
