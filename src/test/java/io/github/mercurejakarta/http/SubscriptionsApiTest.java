package io.github.mercurejakarta.http;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.Subscription;
import io.github.mercurejakarta.hub.SubscriptionRequest;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The subscriptions API's rules, through the real protocol layer and hub (no HTTP server needed). */
class SubscriptionsApiTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String HUB_URL = "http://localhost:5500/.well-known/mercure";
    private static final String API = "/.well-known/mercure/subscriptions";
    private static final SigningKey KEY = SigningKey.hmac(SECRET);
    private static final TokenFactory TOKENS = new TokenFactory();
    private static final Duration TTL = Duration.ofMinutes(5);

    private final List<Hub> hubs = new ArrayList<>();

    @AfterEach
    void close() {
        hubs.forEach(Hub::close);
    }

    private HubProtocol protocol(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("mercure.hub.keepalive.interval", "0", "mercure.subscriber.secret.key", SECRET));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        MercureConfig config = MercureConfig.of(m);
        Hub hub = Hub.create(config);
        hubs.add(hub);
        return new HubProtocol(config, hub);
    }

    private record Request(String rawQuery, Map<String, String> headers) implements HubRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String hubUrl() {
            return HUB_URL;
        }

        @Override
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    private static HubResponse get(HubProtocol p, String rest, String token, String... headers) {
        Map<String, String> h = new HashMap<>();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return p.subscriptions(new Request(null, h), rest);
    }

    private static String token07(String... subscribe) {
        return TOKENS.draft07(KEY, null, List.of(subscribe), null, TTL);
    }

    private static String token08(TopicGrant... subscribe) {
        return TOKENS.draft08(KEY, "mercure", HUB_URL, null, List.of(), List.of(subscribe), Map.of("user", "bob"), TTL);
    }

    private static Subscription open(HubProtocol p, Dialect d, String selector) {
        var m = d == Dialect.DRAFT_07 ? TopicMatchers.draft07(selector) : TopicMatchers.exact(selector);
        Subscription s = p.hub().subscribe(new SubscriptionRequest(d, List.of(m), null, Map.of("user", "alice"), null, null), new NullSink());
        s.start();
        return s;
    }

    @Test
    void noTokenIs401EvenWhenAnonymousSubscribersAreAllowed() {
        HubResponse r = get(protocol("mercure.hub.allow.anonymous", "true"), "", null);
        assertEquals(401, r.status(), "the API always needs a token");
        assertEquals("Bearer", r.header("WWW-Authenticate"), "a bare challenge");
    }

    @Test
    void anInvalidTokenIs401InvalidToken() {
        HubResponse r = get(protocol(), "", TOKENS.draft07(SigningKey.hmac("another-secret-that-is-long-enough-too!"), null,
                List.of("*"), null, TTL));
        assertEquals(401, r.status(), "a token signed with another key");
        assertEquals("Bearer error=\"invalid_token\"", r.header("WWW-Authenticate"));
    }

    @Test
    void aTokenNotCoveringThePathIs403() {
        HubResponse r = get(protocol(), "", token07("https://example.com/books/{id}"));
        assertEquals(403, r.status(), "subscribe granted elsewhere only");
        assertEquals("Bearer error=\"insufficient_scope\"", r.header("WWW-Authenticate"));
    }

    @Test
    void draft07TokenCoveringThePathListsJsonLdWithLastEventId() {
        HubProtocol p = protocol();
        Subscription s = open(p, Dialect.DRAFT_07, "https://e.x/1");
        HubResponse r = get(p, "", token07(API));
        assertEquals(200, r.status(), r.body());
        assertEquals("application/ld+json", r.header("Content-Type"));
        assertTrue(r.body().startsWith("{\"@context\":\"https://mercure.rocks/\",\"id\":\"" + API + "\",\"type\":\"Subscriptions\",\"lastEventID\":\"urn:uuid:"),
                "collection with the request path as id and the last event (the subscription event) at the root: " + r.body());
        assertTrue(r.body().contains("\"subscriber\":\"" + s.subscriberId() + "\""), "the open subscription is listed");
    }

    @Test
    void draft07TokensAreMatchedAgainstTheWholeRequestUri() {
        HubProtocol p = protocol();
        HubResponse r = p.subscriptions(new Request("x=1", Map.of("Authorization", "Bearer " + token07(API))), "");
        assertEquals(403, r.status(), "the query is part of what a draft-07 selector must match");
        r = p.subscriptions(new Request("x=1", Map.of("Authorization", "Bearer " + token07(API + "{?x}"))), "");
        assertEquals(200, r.status(), "a template covering the query grants it");
    }

    @Test
    void draft08UrlPatternRelativeToTheHubGrantsOneSubscription() {
        HubProtocol p = protocol();
        Subscription s = open(p, Dialect.DRAFT_08, "https://e.x/a/b");
        String rest = "/exact/" + SubscriptionTopics.encode("https://e.x/a/b") + "/" + SubscriptionTopics.encode(s.subscriberId());
        HubResponse r = get(p, rest, token08(TopicGrant.urlPattern(API + "/:t/:m/:s")));
        assertEquals(200, r.status(), r.body());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"id\":\"" + API + rest + "\",\"type\":\"subscription\",\"match_type\":\"exact\",\"match\":\"https://e.x/a/b\","
                + "\"subscriber\":\"" + s.subscriberId() + "\",\"active\":true,\"payload\":{\"user\":\"alice\"}}", r.body(),
                "the same document as the event, found through a topic holding slashes");
        String link = r.header("Link");
        assertTrue(link.startsWith("<" + HUB_URL + ">; rel=\"mercure\"; last-event-id=\"urn:uuid:"), link);
        assertTrue(link.endsWith("\"; type=\"mercure\"; content-type=\"application/json\""), link);
    }

    @Test
    void anUnknownSubscriptionIs404() {
        HubProtocol p = protocol();
        HubResponse r = get(p, "/exact/x/urn%3Auuid%3Anobody", token08(TopicGrant.all()));
        assertEquals(404, r.status(), "nobody has that subscription");
    }

    @Test
    void theApiIs404WhenTheFeatureIsOff() {
        assertEquals(404, get(protocol("mercure.hub.subscriptions", "false"), "", token07("*")).status(),
                "mercure.hub.subscriptions=false: no API");
    }

    @Test
    void aMatchingIfNoneMatchIs304() {
        HubProtocol p = protocol();
        open(p, Dialect.DRAFT_08, "x");
        HubResponse first = get(p, "", token08(TopicGrant.all()));
        String etag = first.header("ETag");
        assertEquals("\"" + p.hub().lastEventId() + "\"", etag, "the ETag is the last event id, quoted");
        HubResponse again = get(p, "", token08(TopicGrant.all()), "If-None-Match", etag);
        assertEquals(304, again.status(), "nothing changed since");
        assertEquals(etag, again.header("ETag"), "a 304 carries its ETag");
        assertNull(again.body(), "and no body");
        open(p, Dialect.DRAFT_08, "y");
        assertEquals(200, get(p, "", token08(TopicGrant.all()), "If-None-Match", etag).status(), "a new event changes the ETag");
    }

    @Test
    void theTokenDecidesTheDraftOfAnAmbiguousPath() {
        HubProtocol p = protocol();
        Subscription s07 = open(p, Dialect.DRAFT_07, "t");
        Subscription s08 = open(p, Dialect.DRAFT_08, "t");
        HubResponse r07 = get(p, "/t/" + SubscriptionTopics.encode(s07.subscriberId()), token07("*"));
        assertEquals(200, r07.status(), "draft-07 token: /{topic}/{subscriber}: " + r07.body());
        assertTrue(r07.body().contains("\"type\":\"Subscription\""), r07.body());
        HubResponse r08 = get(p, "/exact/t", token08(TopicGrant.all()));
        assertEquals(200, r08.status(), "draft-08 token: /{match_type}/{match}");
        assertTrue(r08.body().contains("\"subscriber\":\"" + s08.subscriberId() + "\""), r08.body());
        assertFalse(r08.body().contains(s07.subscriberId()), "each draft lists the subscriptions of its own clients");
    }

    @Test
    void oneVariableIsDraft07WhateverTheToken() {
        HubProtocol p = protocol();
        open(p, Dialect.DRAFT_07, "t");
        HubResponse r = get(p, "/t", token08(TopicGrant.all()));
        assertEquals(200, r.status(), r.body());
        assertEquals("application/ld+json", r.header("Content-Type"), "only draft-07 has /subscriptions/{topic}");
    }

    @Test
    void malformedEscapesAndUnknownMatchTypesAre400() {
        HubProtocol p = protocol();
        assertEquals(400, get(p, "/a%zz", token07("*")).status(), "a malformed escape");
        assertEquals(400, get(p, "/regex/x/y", token08(TopicGrant.all())).status(), "an unknown match_type");
    }

    @Test
    void extraSegmentsAre404() {
        assertEquals(404, get(protocol(), "/a/b/c/d", token08(TopicGrant.all())).status(), "no route has four variables");
    }

}
