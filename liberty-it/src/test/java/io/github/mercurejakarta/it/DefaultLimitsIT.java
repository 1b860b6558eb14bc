package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RawStreams;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedded hub with its default limits on Open Liberty: clients behind a proxy or a NAT all arrive from one
 * address, and a thousand of them are all served. The war sets nothing but what publishing over HTTP needs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DefaultLimitsIT {

    private static final String PUBLISHER_KEY = "publisher-key-for-the-default-limits-tests!!";
    private static final String TOPIC = "https://example.com/default-limits";
    private static final int STREAMS = 1000;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("defaults")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .build();
    }

    @ArquillianResource
    URL base;

    @Test
    void aThousandStreamsFromOneAddressAreAllServed() throws Exception {
        URI hub = base.toURI().resolve(".well-known/mercure");
        URI subscribe = URI.create(hub + "?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8));
        try (RawStreams streams = RawStreams.open(subscribe, STREAMS, Duration.ofSeconds(10))) {
            assertEquals(STREAMS, streams.countWithStatus(200), "every stream from 127.0.0.1 is served; " + streams.describe());
            String marker = "reaches-all-" + System.nanoTime();
            String token = new TokenFactory().draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), List.of(), null, null);
            HttpResponse<String> published = HttpCalls.postForm(hub, Form.of("topic", TOPIC, "data", marker),
                    "Authorization", "Bearer " + token);
            assertEquals(200, published.statusCode(), published.body());
            assertEquals(STREAMS, streams.awaitOnEach(marker, Duration.ofSeconds(30)), "the update reaches every stream");
        }
    }
}
