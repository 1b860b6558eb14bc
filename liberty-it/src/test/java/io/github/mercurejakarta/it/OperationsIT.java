package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations of the embedded hub on Open Liberty: its metrics on Liberty's own {@code /metrics}
 * (mpMetrics-5.1) with the values real subscribers and publications produced, the connection limits
 * (the per-address one through the Servlet request's peer address), and a bounded, clean end of every
 * open stream when the application stops.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUBLISHER_KEY = "publisher-key-for-the-operations-tests!!";
    private static final String TOPIC = "https://example.com/operations";
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(3);

    @Deployment(name = "ops", testable = false)
    static WebArchive app() {
        return Deployments.war("ops")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.hub.subscriptions", "false")
                .config("mercure.hub.max.connections", "3")
                .config("mercure.hub.max.connections.per.address", "2")
                .build();
    }

    @Deployment(name = "stopping", managed = false, testable = false)
    static WebArchive stopping() {
        return Deployments.war("stopping")
                .config("mercure.hub.shutdown.timeout", String.valueOf(SHUTDOWN_BOUND.toSeconds()))
                .build();
    }

    @ArquillianResource
    @OperateOnDeployment("ops")
    URL base;

    @ArquillianResource
    Deployer deployer;

    private URI hub(String query) throws Exception {
        return URI.create(base.toURI().resolve(".well-known/mercure") + (query == null ? "" : "?" + query));
    }

    private static String topicQuery() {
        return "topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);
    }

    @Test
    void metricsAppearOnLibertysEndpointWithTheValuesOfRealTraffic() throws Exception {
        String token = new TokenFactory().draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), List.of(), null, null);
        try (SseClient one = SseClient.open(hub(topicQuery()))) {
            assertEquals(200, one.status(), one.describe());
            try (SseClient two = SseClient.open(hub(topicQuery()))) {
                assertEquals(200, two.status(), two.describe());
                try (SseClient third = SseClient.open(hub(topicQuery()))) {
                    assertEquals(429, third.status(), "a third stream from 127.0.0.1, at most two per address; " + third.describe());
                    assertNotNull(third.header("Retry-After"), "429 carries Retry-After");
                }
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> r = HttpCalls.postForm(hub(null), Form.of("topic", TOPIC, "data", "m" + i),
                            "Authorization", "Bearer " + token);
                    assertEquals(200, r.statusCode(), r.body());
                }
                one.nextN(2, WAIT);
                two.nextN(2, WAIT);

                String text = scrape();
                assertEquals(2, value(text, "mercure_subscribers", null), "two open streams; " + text);
                assertEquals(2, value(text, "mercure_subscriptions", null), "one selector each");
                assertEquals(2, value(text, "mercure_updates_published_total", null), "two publications");
                assertEquals(4, value(text, "mercure_updates_dispatched_total", null), "two updates to two subscribers");
                assertEquals(1, value(text, "mercure_limit_rejections_total", "limit=\"connections_per_address\""),
                        "the refused third stream");
                assertTrue(value(text, "mercure_dispatch_latency_seconds_count", null) >= 2,
                        "the writes were timed (a MicroProfile Metrics timer); " + text);
            }
        }
    }

    @Test
    void stoppingTheApplicationEndsEveryOpenStreamCleanlyWithinTheBound() throws Exception {
        deployer.deploy("stopping");
        URI stoppingHub = base.toURI().resolve("/stopping/.well-known/mercure?" + topicQuery());
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SseClient c = SseClient.open(stoppingHub);
                streams.add(c);
                assertEquals(200, c.status(), c.describe());
            }
            long t0 = System.nanoTime();
            deployer.undeploy("stopping");
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("Liberty: application stop with %d open streams took %d ms%n", streams.size(), stopMillis);
            for (SseClient c : streams) {
                assertTrue(c.awaitEnd(Duration.ofSeconds(2)), "every stream ended with the application; " + c.describe());
            }
            assertTrue(stopMillis < SHUTDOWN_BOUND.toMillis() + 5_000,
                    "the application stopped within its shutdown bound (plus Liberty's own undeploy time): " + stopMillis + " ms");
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    /** Liberty's MicroProfile Metrics endpoint (server root, Prometheus text), application scope. */
    private String scrape() throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve("/metrics?scope=application"));
        assertEquals(200, r.statusCode(), "Liberty's /metrics (mpMetrics-5.1, authentication off in server.xml); " + r.body());
        return r.body();
    }

    /** @return the value of the sample {@code name} whose labels contain {@code label} (any labels when null) */
    static double value(String text, String name, String label) {
        Optional<Double> found = text.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> label == null || l.contains(label))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
        return found.orElseThrow(() -> new AssertionError("no sample " + name + (label == null ? "" : "{" + label + "}")
                + " on Liberty's /metrics:\n" + text));
    }
}
