package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribing with {@code QUERY} (draft-08) over HTTP on the standalone hub, once per front end: the selectors
 * in a form body, a selector set too long for a URL, the union with the URL's parameters, private updates with
 * a token, 413 beyond the body limit, 415 for another body, and the CORS preflight that allows it.
 */
class QueryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SUBSCRIBER_SECRET = "subscriber-secret-for-the-standalone-query-IT";
    private static HubProcess hub;

    @BeforeAll
    static void start() {
        hub = HubProcess.startHub(List.of("--publisher-secret", "publisher-secret-for-the-standalone-query-IT",
                "--subscriber-secret", SUBSCRIBER_SECRET, "--max-selectors", "1000", "--max-body-size", "65536",
                "--cors-origins", "https://app.example"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String topic() {
        return "https://example.com/query/" + UUID.randomUUID();
    }

    private static HttpResponse<String> publish(String topic, String data, boolean isPrivate) {
        Form form = Form.of("topic", topic, "data", data);
        if (isPrivate) {
            form = form.add("private", "on");
        }
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), form, "Authorization", "Bearer " + hub.draft08Token());
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> query(String uriQuery, String contentType, String body, String... headers) {
        return HttpCalls.send(HttpCalls.queryRequest(uriQuery == null ? hub.hubUrl() : hub.hubUrl(uriQuery), contentType, body,
                headers).timeout(WAIT));
    }

    @Test
    void aQueryWithItsSelectorsInTheBodyStreamsAsAGetWould() {
        String topic = topic();
        try (SseClient client = SseClient.to(hub.hubUrl()).query("match=" + enc(topic)).open()) {
            assertEquals(200, client.awaitResponse(WAIT).statusCode());
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
            publish(topic, "via QUERY", false);
            assertEquals("via QUERY", client.nextWithData("via QUERY", WAIT).data());
        }
    }

    @Test
    void aSelectorSetTooLongForAUrlFitsInTheBody() {
        String topic = topic();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pairs.add("match=" + enc("https://example.com/a/rather/long/path/to/a/resource/number/" + i));
        }
        pairs.add("match_urlpattern=" + enc(topic.substring(0, topic.lastIndexOf('/')) + "/:id"));
        String form = String.join("&", pairs);
        assertTrue(form.length() > 30_000, "longer than any URL a front end takes: " + form.length());
        HttpResponse<String> get = HttpCalls.get(hub.hubUrl(form));
        assertTrue(get.statusCode() == 414 || get.statusCode() == 400 || get.statusCode() == 431,
                "as a URL it is refused: " + get.statusCode());
        try (SseClient client = SseClient.to(hub.hubUrl()).query(form).open()) {
            assertEquals(200, client.awaitResponse(WAIT).statusCode());
            publish(topic, "matched by the 401st selector", false);
            client.nextWithData("matched by the 401st selector", WAIT);
        }
    }

    @Test
    void theUrlsAndTheBodysSelectorsAreTakenTogether() {
        String inUrl = topic();
        String inBody = topic();
        try (SseClient client = SseClient.to(hub.hubUrl("match=" + enc(inUrl))).query("match=" + enc(inBody)).open()) {
            assertEquals(200, client.awaitResponse(WAIT).statusCode());
            publish(inUrl, "url", false);
            publish(inBody, "body", false);
            client.nextWithData("url", WAIT);
            client.nextWithData("body", WAIT);
        }
    }

    @Test
    void aTokenInTheHeaderGrantsPrivateUpdatesAsWithGet() {
        String topic = topic();
        String token = new TokenFactory().draft08(SigningKey.hmac(SUBSCRIBER_SECRET), "mercure", hub.hubUrl().toString(),
                "reader", List.of(), List.of(TopicGrant.exact(topic)), null, Duration.ofMinutes(5));
        try (SseClient client = SseClient.to(hub.hubUrl()).authorization(token).query("match=" + enc(topic)).open()) {
            assertEquals(200, client.awaitResponse(WAIT).statusCode());
            publish(topic, "private", true);
            client.nextWithData("private", WAIT);
        }
        HttpResponse<String> forged = query(null, "application/x-www-form-urlencoded", "match=" + enc(topic),
                "Authorization", "Bearer e30.e30.c2ln");
        assertEquals(401, forged.statusCode(), forged.body());
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void badQueriesGetTheAnswersOfGet() {
        HttpResponse<String> none = query(null, "application/x-www-form-urlencoded", "");
        assertEquals(400, none.statusCode(), "no selector: " + none.body());
        HttpResponse<String> unknown = query(null, "application/x-www-form-urlencoded", "match_regex=x");
        assertEquals(400, unknown.statusCode(), unknown.body());
        HttpResponse<String> json = query(null, "application/json", "{\"match\":\"x\"}");
        assertEquals(415, json.statusCode(), json.body());
        assertTrue(json.body().contains("application/x-www-form-urlencoded"), json.body());
        String big = "match=" + "x".repeat(70_000);
        HttpResponse<String> tooBig = query(null, "application/x-www-form-urlencoded", big);
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertTrue(tooBig.body().contains("mercure.hub.max.body.size (65536 bytes)"), tooBig.body());
    }

    @Test
    void theCorsPreflightAllowsQuery() {
        HttpResponse<String> r = HttpCalls.send(HttpRequest.newBuilder(hub.hubUrl())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "QUERY")
                .header("Access-Control-Request-Headers", "content-type, authorization"));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 204, "preflight: " + r.statusCode());
        String methods = r.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(List.of(methods.split(",\\s*")).contains("QUERY"), methods);
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Content-Type"));
        assertEquals("https://app.example", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
