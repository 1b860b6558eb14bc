package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribing with {@code QUERY} (draft-08) to the embedded hub on Open Liberty: the container passes the
 * unknown method and its body to JAX-RS ({@code @Query} on HubResource); the same checks and stream as GET.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUBLISHER_KEY = "publisher-key-for-the-query-integration-test";
    private static final String SUBSCRIBER_KEY = "subscriber-key-for-the-query-integration-test";
    private static final String APP_ORIGIN = "https://app.example";
    private static final TokenFactory TOKENS = new TokenFactory();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("query")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.hub.max.selectors", "1000")
                .config("mercure.hub.max.body.size", "65536")
                .config("mercure.hub.cors.origins", APP_ORIGIN)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI hub() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String topic() {
        return "https://example.com/query/" + UUID.randomUUID();
    }

    private void publish(String topic, String data, boolean isPrivate) throws Exception {
        Form form = Form.of("topic", topic, "data", data);
        if (isPrivate) {
            form = form.add("private", "on");
        }
        String token = TOKENS.draft08(SigningKey.hmac(PUBLISHER_KEY), "mercure", hub().toString(), "it",
                List.of(TopicGrant.all()), List.of(), null, Duration.ofMinutes(5));
        HttpResponse<String> r = HttpCalls.postForm(hub(), form, "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
    }

    private HttpResponse<String> query(String contentType, String body, String... headers) throws Exception {
        return HttpCalls.send(HttpCalls.queryRequest(hub(), contentType, body, headers).timeout(WAIT));
    }

    @Test
    void aQueryWithItsSelectorsInTheBodyStreams() throws Exception {
        String topic = topic();
        try (SseClient client = SseClient.to(hub()).query("match=" + enc(topic)).open()) {
            assertEquals(200, client.status(), client.describe()); // registered: its head is written
            publish(topic, "via QUERY", false);
            client.nextWithData("via QUERY", WAIT);
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
        }
    }

    @Test
    void aSelectorSetTooLongForAUrlFitsInTheBodyAndJoinsTheUrls() throws Exception {
        String topic = topic();
        String inUrl = topic();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pairs.add("match=" + enc("https://example.com/a/rather/long/path/to/a/resource/number/" + i));
        }
        pairs.add("match_urlpattern=" + enc(topic.substring(0, topic.lastIndexOf('/')) + "/:id"));
        String form = String.join("&", pairs);
        assertTrue(form.length() > 30_000, String.valueOf(form.length()));
        try (SseClient client = SseClient.to(URI.create(hub() + "?match=" + enc(inUrl))).query(form).open()) {
            assertEquals(200, client.status(), client.describe()); // registered: its head is written
            publish(topic, "matched by the 401st selector", false);
            client.nextWithData("matched by the 401st selector", WAIT);
            publish(inUrl, "matched by the URL's", false);
            client.nextWithData("matched by the URL's", WAIT);
        }
    }

    @Test
    void aTokenInTheHeaderGrantsPrivateUpdates() throws Exception {
        String topic = topic();
        String token = TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), "mercure", hub().toString(), "reader",
                List.of(), List.of(TopicGrant.exact(topic)), null, Duration.ofMinutes(5));
        try (SseClient client = SseClient.to(hub()).authorization(token).query("match=" + enc(topic)).open()) {
            assertEquals(200, client.status(), client.describe()); // registered: its head is written
            publish(topic, "private", true);
            client.nextWithData("private", WAIT);
        }
        HttpResponse<String> forged = query("application/x-www-form-urlencoded", "match=" + enc(topic),
                "Authorization", "Bearer e30.e30.c2ln");
        assertEquals(401, forged.statusCode(), forged.body());
    }

    @Test
    void badQueriesGetTheAnswersOfGet() throws Exception {
        assertEquals(400, query("application/x-www-form-urlencoded", "").statusCode(), "no selector");
        assertEquals(400, query("application/x-www-form-urlencoded", "match_regex=x").statusCode());
        HttpResponse<String> json = query("application/json", "{\"match\":\"x\"}");
        assertEquals(415, json.statusCode(), json.body());
        HttpResponse<String> tooBig = query("application/x-www-form-urlencoded", "match=" + "x".repeat(70_000));
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertTrue(tooBig.body().contains("mercure.hub.max.body.size (65536 bytes)"), tooBig.body());
    }

    @Test
    void theCorsPreflightAllowsQuery() throws Exception {
        HttpResponse<String> r = HttpCalls.send(HttpRequest.newBuilder(hub())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "QUERY")
                .header("Access-Control-Request-Headers", "content-type"));
        String methods = r.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(List.of(methods.split(",\\s*")).contains("QUERY"), r.statusCode() + " " + r.headers().map());
    }
}
