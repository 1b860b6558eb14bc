package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.WAIT;
import static io.github.mercurejakarta.portable.PortableApp.open;
import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * Active subscriptions on the server under test: a watcher receives the subscription events of a
 * subscriber that comes and goes, and the subscriptions API lists it, including the lookup of one topic
 * whose URL travels percent-encoded ({@code %2F}) in one path segment (GlassFish 7.0 refuses that lookup: see
 * the README's servers table).
 */
class SubscriptionsIT extends PortableIT {

    private String api() {
        return app.hubPath() + SubscriptionTopics.SEGMENT;
    }

    /** The next event of {@code sse} satisfying {@code p}; the events of other subscribers are skipped. */
    private static SseEvent next(SseClient sse, Predicate<SseEvent> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SseEvent e = sse.next(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (p.test(e)) {
                return e;
            }
        }
    }

    private static Predicate<SseEvent> about(String match, boolean active) {
        return e -> e.data().contains(":\"" + match + "\",") && e.data().contains("\"active\":" + active);
    }

    @Test
    void aWatcherSeesASubscriptionOpenAndClose() throws Exception {
        String pattern = api() + "/:t/:m/:s";
        String match = topic("rooms");
        try (SseClient watcher = open(SseClient.to(app.hub("match_urlpattern", pattern))
                .authorization(app.subscriberToken08Pattern(pattern)))) {
            String subscriber;
            try (SseClient s = open(SseClient.to(app.hub("match", match)))) {
                SseEvent opened = next(watcher, about(match, true));
                assertEquals("mercure", opened.event());
                Map<String, Object> doc = JsonUtil.parseJson(opened.data());
                subscriber = (String) doc.get("subscriber");
                assertEquals(api() + "/exact/" + SubscriptionTopics.encode(match) + "/" + SubscriptionTopics.encode(subscriber),
                        doc.get("id"));
            }
            SseEvent closed = next(watcher, about(match, false));
            assertEquals(subscriber, JsonUtil.parseJson(closed.data()).get("subscriber"), "the same connection ended");
        }
    }

    @Test
    void theApiListsAnOpenSubscriptionAndLooksUpItsTopic() throws Exception {
        String topic = topic("rooms");
        try (SseClient s = open(SseClient.to(app.hub("topic", topic)))) {
            String all = api();
            HttpResponse<String> unauthorized = HttpCalls.get(app.path(all));
            assertEquals(401, unauthorized.statusCode(), "the API always needs a token");

            HttpResponse<String> list = HttpCalls.get(app.path(all),
                    "Authorization", "Bearer " + PortableApp.subscriberToken07(all));
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("\"topic\":\"" + topic + "\""), "the open subscription is listed: " + list.body());

            String one = all + "/" + SubscriptionTopics.encode(topic);
            HttpResponse<String> byTopic = HttpCalls.get(app.path(one),
                    "Authorization", "Bearer " + PortableApp.subscriberToken07(one));
            if (PortableApp.server().equals("glassfish")) {
                // GlassFish 7.0's authorization check (Exousia) throws on a ':' in the decoded path and answers 503
                // before the application sees the request (eclipse-ee4j/exousia#37, glassfish#25749); no library
                // can work around it. Pinned so that a GlassFish that fixes it fails here and the README gets updated.
                assertEquals(503, byTopic.statusCode(), "GlassFish still refuses ':' in a path: " + byTopic.body());
                return;
            }
            assertEquals(200, byTopic.statusCode(), "GET " + one + " on " + PortableApp.server() + ": " + byTopic.body());
            List<?> subscriptions = (List<?>) JsonUtil.parseJson(byTopic.body()).get("subscriptions");
            assertEquals(1, subscriptions.size(), byTopic.body());
        }
    }
}
