package io.github.mercurejakarta.it.bridge;

import io.github.mercurejakarta.it.Deployments;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The @MercureTopic bridge on Open Liberty: events fired in a request are published by the embedded hub
 * and received over SSE; an afterCommit event fired in a rolled-back transaction is never pushed
 * (Liberty's cdi-4.0 brings transaction-2.0: UserTransaction works with no datasource).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("bridge")
                .classes(BridgeEvents.class, BridgeEvents.BookChanged.class, BridgeEvents.OrderPlaced.class,
                        BridgeEvents.Note.class, BridgeResource.class)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI subscribe(String topic) throws Exception {
        return URI.create(base.toURI().resolve(".well-known/mercure") + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> fire(String path, String... form) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("events/" + path), Form.of(form));
        assertEquals(200, r.statusCode(), "the request firing the event succeeded: " + r.body());
        return r;
    }

    private static SseClient open(URI uri) {
        SseClient sse = SseClient.open(uri);
        assertEquals(200, sse.status(), sse.describe());
        return sse;
    }

    @Test
    void anEventFiredInARequestReachesSubscribersOfItsTopic() throws Exception {
        String id = UUID.randomUUID().toString();
        try (SseClient sse = open(subscribe("https://example.com/books/" + id))) {
            fire("book", "id", id, "title", "Dune");
            SseEvent e = sse.next(WAIT);
            assertEquals("book-changed", e.event(), "the annotation's type is the SSE event name");
            assertEquals("{\"id\":\"" + id + "\",\"title\":\"Dune\"}", e.data(), "the event as JSON-B");
        }
    }

    @Test
    void anEventFiredAsynchronouslyIsPublished() throws Exception {
        String id = UUID.randomUUID().toString();
        try (SseClient sse = open(subscribe("https://example.com/books/" + id))) {
            fire("book-async", "id", id, "title", "async");
            assertTrue(sse.next(WAIT).data().contains("async"));
        }
    }

    @Test
    void anEventFiredThroughAQualifiedEventIsPublished() throws Exception {
        String id = UUID.randomUUID().toString();
        try (SseClient sse = open(subscribe("https://example.com/notes/" + id))) {
            fire("note", "id", id, "text", "hello");
            SseEvent e = sse.next(WAIT);
            assertEquals("note", e.event());
            assertTrue(e.data().contains("hello"));
        }
    }

    @Test
    void aRolledBackTransactionPushesNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        try (SseClient sse = open(subscribe("https://example.com/orders/" + id))) {
            fire("order", "id", id, "outcome", "rollback");
            fire("order", "id", id, "outcome", "commit");
            SseEvent first = sse.next(WAIT);
            assertTrue(first.data().contains("\"state\":\"commit\""),
                    "the first update the subscriber sees is the committed one; the rolled-back one was never pushed: " + first.data());
            assertTrue(sse.noEventWithin(Duration.ofMillis(500)), "and nothing else follows");
        }
    }
}
