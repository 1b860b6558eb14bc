package io.github.mercurejakarta.http;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.match.MatchType;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionDocuments;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.github.mercurejakarta.protocol.SubscriptionTopics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions API, in plain Java: what a {@code GET} below {@code {hub}/subscriptions} means.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>path after the hub path</th><th>draft-07</th><th>draft-08</th></tr>
 *   <tr><td>{@code /subscriptions}</td><td>all (collection)</td><td>all (collection)</td></tr>
 *   <tr><td>{@code /subscriptions/{a}}</td><td>topic {@code a} (collection)</td><td>—</td></tr>
 *   <tr><td>{@code /subscriptions/{a}/{b}}</td><td>topic {@code a}, subscriber {@code b} (one)</td>
 *       <td>match_type {@code a}, match {@code b} (collection)</td></tr>
 *   <tr><td>{@code /subscriptions/{a}/{b}/{c}}</td><td>—</td><td>one subscription</td></tr>
 * </table>
 *
 * <p><b>Which draft answers.</b> The path's shape decides where only one draft defines it (one
 * variable: draft-07; three: draft-08); otherwise the token does: a draft-07 token (a {@code mercure}
 * claim) gets draft-07 documents, an {@code at+jwt} token draft-08 ones. Each draft's API lists the
 * subscriptions opened in that draft, whose ids are exactly the topics of their events.
 *
 * <p><b>Authorization.</b> A token is always required, even when anonymous subscribers are allowed
 * (401 without one); it must grant {@code subscribe} on the request: a draft-07 token's
 * {@code mercure.subscribe} selectors are matched against the request URI (path and query, relative, as
 * hub 0.x does), a draft-08 token's matchers against the request path in relative form (URL Patterns
 * resolve against the hub URL); otherwise 403 {@code insufficient_scope}.
 *
 * <p><b>Answers.</b> Draft-07: {@code application/ld+json} with {@code lastEventID} in the body.
 * Draft-08: {@code application/json} and {@code Link: <hub>; rel="mercure"; last-event-id="..."; type="mercure";
 * content-type="application/json"}. Both: {@code ETag} (the last event id, quoted) answered with 304 on a
 * matching {@code If-None-Match}; 404 for an unknown subscription or when the feature is off; 400 for a
 * malformed percent-escape or an unknown {@code match_type}. Path variables are decoded exactly once here,
 * so {@code %2F} inside a variable is a slash of the topic, never a path separator.
 */
final class SubscriptionsApi {

    private static final String CACHE_CONTROL = "private, no-cache";

    private final HubProtocol protocol;
    private final Hub hub;

    SubscriptionsApi(HubProtocol protocol, Hub hub) {
        this.protocol = protocol;
        this.hub = hub;
    }

    HubResponse handle(HubRequest request, String rawSubPath) {
        Map<String, String> corsHeaders = protocol.cors().headers(request);
        return answer(request, rawSubPath == null ? "" : rawSubPath).headers(corsHeaders);
    }

    private HubResponse answer(HubRequest request, String rest) {
        if (!hub.subscriptionsEnabled()) {
            return HubResponse.of(404, "active subscriptions are off on this hub (mercure.hub.subscriptions)");
        }
        List<String> segments = segments(rest);
        if (segments == null || segments.size() > 3) {
            return HubResponse.of(404, "no such subscriptions resource");
        }
        List<String> values = new ArrayList<>(segments.size());
        try {
            for (String s : segments) {
                values.add(SubscriptionTopics.decodeSegment(s));
            }
        } catch (IllegalArgumentException e) {
            return HubResponse.of(400, e.getMessage());
        }
        Dialect byShape = switch (segments.size()) {
            case 1 -> Dialect.DRAFT_07;
            case 3 -> Dialect.DRAFT_08;
            default -> null;
        };

        FormData query;
        try {
            query = FormData.parse(request.rawQuery() == null ? "" : request.rawQuery());
        } catch (MalformedFormException e) {
            return HubResponse.of(400, "the query is not valid UTF-8: " + e.getMessage());
        }
        BearerToken token = BearerToken.find(request, byShape == Dialect.DRAFT_08 ? Dialect.DRAFT_08 : Dialect.DRAFT_07,
                query, protocol.authorization().allCookieNames());
        if (token.malformed()) {
            return HubAuthorization.invalidRequest(token.problem());
        }
        if (!token.present()) {
            return HubAuthorization.challenge();
        }
        Grants grants = protocol.authorization().verifySubscriber(token.value(), request);
        if (grants == null) {
            return HubAuthorization.invalidToken();
        }
        Dialect tokenDialect = grants.dialect().orElse(Dialect.DRAFT_07);
        if (token.source() == BearerToken.Source.QUERY && tokenDialect == Dialect.DRAFT_08) {
            return HubAuthorization.invalidToken(); // draft-08 never takes tokens from the URL
        }
        Dialect dialect = byShape != null ? byShape : tokenDialect;
        if (dialect == Dialect.DRAFT_08 && values.size() >= 2 && !isMatchType(values.get(0))) {
            return HubResponse.of(400, "unsupported match_type: " + values.get(0));
        }

        String requestPath = SubscriptionTopics.prefix(SubscribeRequests.pathOf(request.hubUrl())) + rest;
        String target = tokenDialect == Dialect.DRAFT_07 && request.rawQuery() != null
                ? requestPath + '?' + request.rawQuery() : requestPath;
        if (!grants.maySubscribe(target)) {
            return HubResponse.of(403, "the token does not grant subscribe on " + requestPath)
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        }

        SubscriptionSnapshot snapshot = hub.subscriptions();
        String lastEventId = snapshot.lastEventId();
        String etag = '"' + lastEventId.replace("%", "%25").replace("\"", "%22") + '"';
        HubResponse head = null;
        if (etag.equals(request.header("If-None-Match"))) {
            head = HubResponse.of(304, null);
        }
        List<ActiveSubscription> selected = new ArrayList<>();
        boolean single = dialect == Dialect.DRAFT_07 ? values.size() == 2 : values.size() == 3;
        for (ActiveSubscription s : snapshot.subscriptions()) {
            if (s.protocolVersion() == dialect.version() && selects(dialect, values, s)) {
                selected.add(s);
            }
        }
        if (head == null) {
            if (single) {
                if (selected.isEmpty()) {
                    return HubResponse.of(404, "no such subscription");
                }
                head = json(200, SubscriptionDocuments.subscription(selected.get(0), lastEventId), dialect);
            } else {
                head = json(200, SubscriptionDocuments.collection(dialect, requestPath, selected, lastEventId), dialect);
            }
        }
        head.header("ETag", etag).header("Cache-Control", CACHE_CONTROL);
        if (dialect == Dialect.DRAFT_08) {
            head.header("Link", "<" + request.hubUrl() + ">; rel=\"mercure\"; last-event-id=\"" + quoted(lastEventId)
                    + "\"; type=\"mercure\"; content-type=\"" + SubscriptionDocuments.DRAFT_08_CONTENT_TYPE + "\"");
        }
        return head;
    }

    private static boolean selects(Dialect dialect, List<String> values, ActiveSubscription s) {
        if (dialect == Dialect.DRAFT_07) {
            return (values.isEmpty() || values.get(0).equals(s.match()))
                    && (values.size() < 2 || values.get(1).equals(s.subscriber()));
        }
        return (values.isEmpty() || values.get(0).equals(s.matchType()) && values.get(1).equals(s.match()))
                && (values.size() < 3 || values.get(2).equals(s.subscriber()));
    }

    private static boolean isMatchType(String name) {
        return MatchType.EXACT.canonicalName().equals(name) || MatchType.URLPATTERN.canonicalName().equals(name);
    }

    /** @return the raw segments after {@code /subscriptions}, or null for a path this API does not define */
    private static List<String> segments(String rest) {
        if (rest.isEmpty()) {
            return List.of();
        }
        if (rest.charAt(0) != '/') {
            return null;
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length == 1 && parts[0].isEmpty()) {
            return List.of(); // "/subscriptions/"
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return List.of(parts);
    }

    private static HubResponse json(int status, String body, Dialect dialect) {
        return HubResponse.of(status, SubscriptionDocuments.contentType(dialect), body);
    }

    /** RFC 9110 quoted-string content. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
