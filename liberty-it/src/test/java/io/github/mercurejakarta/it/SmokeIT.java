package io.github.mercurejakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.it.app.Greeter;
import io.github.mercurejakarta.it.app.SmokeResource;
import io.github.mercurejakarta.it.app.SseTestResource;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the harness: a war with the library, custom config and an SSE resource, driven over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmokeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("smoke")
                .config("mercure.it.greeting", "from microprofile-config.properties")
                .classes(SmokeResource.class, Greeter.class, SseTestResource.class)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI uri(String path) throws URISyntaxException {
        return base.toURI().resolve(path);
    }

    @Test
    void libraryClassRunsInTheWar() throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri("smoke/dialect"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Mercure-Last-Event-ID", r.body());
    }

    @Test
    void deploymentConfigIsVisibleThroughMicroProfileConfig() throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri("smoke/config"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("from microprofile-config.properties", r.body());
    }

    @Test
    void cdiBeanOfTheTestAppIsInjected() throws Exception {
        assertEquals("hello liberty", HttpCalls.get(uri("smoke/greet")).body());
    }

    @Test
    void sseStreamIsParsed() throws Exception {
        try (SseClient sse = SseClient.to(uri("sse")).lastEventId("0").open()) {
            assertEquals(200, sse.status());
            assertTrue(sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
            List<SseEvent> events = sse.nextN(3, WAIT);
            assertEquals(new SseEvent("1", "first", "one", null), events.get(0));
            assertEquals(new SseEvent("2", "second", "two\nlines", null), events.get(1));
            assertEquals(new SseEvent("3", null, "three", 1500L), events.get(2));
            assertEquals(List.of("connected"), sse.comments().stream().map(String::strip).toList());
            assertTrue(sse.awaitEnd(WAIT), "the resource closes the stream after 3 events");
            assertTrue(sse.noEventWithin(Duration.ofMillis(100)));
            assertEquals("3", sse.lastEventId());
            // Liberty 26.0.0.3 (RESTEasy) framing, for reference: the stream opens with two bare LFs
            // (blank lines, which dispatch nothing), then ": connected", then event/id/retry/data in that order
            String raw = sse.receivedText();
            assertTrue(raw.endsWith(": connected\n\n"
                    + "event: first\nid: 1\ndata: one\n\n"
                    + "event: second\nid: 2\ndata: two\ndata: lines\n\n"
                    + "id: 3\nretry: 1500\ndata: three\n\n"), raw);
        }
    }
}
