package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.WAIT;
import static io.github.mercurejakarta.portable.PortableApp.open;
import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Subscribing with {@code QUERY} (draft-08) on the server under test: whether the container passes an
 * unknown method and its body to JAX-RS's {@code @HttpMethod("QUERY")} method, and the hub then answers as
 * for GET.
 */
class QueryIT extends PortableIT {

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> query(String contentType, String body) {
        return HttpCalls.send(HttpCalls.queryRequest(app.hub(), contentType, body).timeout(WAIT));
    }

    @Test
    void aQueryWithAHundredSelectorsInTheBodyStreams() {
        String topic = topic("query");
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            pairs.add("match=" + enc("https://example.com/a/rather/long/path/to/a/resource/number/" + i));
        }
        pairs.add("match=" + enc(topic));
        try (SseClient sse = open(SseClient.to(app.hub()).query(String.join("&", pairs)))) {
            assertTrue(sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
            app.publish(topic, "via QUERY");
            assertEquals("via QUERY", sse.next(WAIT).data(), sse.describe());
        }
    }

    @Test
    void theUrlsAndTheBodysSelectorsAreTakenTogether() {
        String inUrl = topic("query");
        String inBody = topic("query");
        try (SseClient sse = open(SseClient.to(app.hub("match", inUrl)).query("match=" + enc(inBody)))) {
            app.publish(inUrl, "url");
            assertEquals("url", sse.next(WAIT).data(), sse.describe());
            app.publish(inBody, "body");
            assertEquals("body", sse.next(WAIT).data(), sse.describe());
        }
    }

    @Test
    void aDraft08TokenGrantsPrivateUpdates() {
        String topic = topic("query");
        try (SseClient sse = open(SseClient.to(app.hub()).authorization(app.subscriberToken08(topic))
                .query("match=" + enc(topic)))) {
            app.publishPrivate(topic, "private via QUERY");
            assertEquals("private via QUERY", sse.next(WAIT).data(), sse.describe());
        }
    }

    @Test
    void badQueriesGetTheAnswersOfGet() {
        assertEquals(400, query("application/x-www-form-urlencoded", "match_regex=x").statusCode());
        HttpResponse<String> json = query("application/json", "{\"match\":\"x\"}");
        assertEquals(415, json.statusCode(), json.body());
        HttpResponse<String> tooBig = query("application/x-www-form-urlencoded", "match=" + "x".repeat(1_100_000));
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertTrue(tooBig.body().contains("mercure.hub.max.body.size"), tooBig.body());
    }
}
