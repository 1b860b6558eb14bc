package io.github.mercurejakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment of the library starts clean: from its deployment on, through a subscriber's JWT, an HTTP
 * publish with a publisher JWT and a publish with {@code @Inject Mercure}, the server log gets no warning,
 * no error and nothing on System.err except the library's own numbered messages. jose4j logs through
 * slf4j; with slf4j-api alone in the war, its first log call printed "SLF4J(W): No SLF4J providers were
 * found" on System.err, once per application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CleanStartIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUBLISHER_KEY = "publisher-key-for-the-integration-tests!";
    private static final String SUBSCRIBER_KEY = "subscriber-key-for-the-integration-tests";
    private static final TokenFactory TOKENS = new TokenFactory();

    /** Liberty's messages.log: {@code [date] thread logger LEVEL message}; W, E, F are warnings and worse. */
    private static final Pattern NOT_CLEAN = Pattern.compile("^\\[[^]]+] \\S+ +\\S+ +([WEF] |R ).*");
    private static final Pattern OWN_MESSAGE = Pattern.compile(" MERCURE\\d{4}[A-Z] ");

    /** Where the log stood before this deployment: what follows it is caused by this test. */
    private static long logStart;

    @Deployment(testable = false)
    static WebArchive app() {
        logStart = logSize();
        return Deployments.war("cleanstart")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.publisher.secret.key", PUBLISHER_KEY)
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .classes(PublishResource.class, PublishResource.Book.class)
                .build();
    }

    @ArquillianResource
    URL base;

    @Test
    void deployingAndUsingTheLibraryLogsNoWarningOfADependency() throws Exception {
        String topic = "https://example.com/clean/" + UUID.randomUUID();
        URI hub = base.toURI().resolve(".well-known/mercure");
        String subscriberToken = TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), List.of(), List.of(topic), null,
                Duration.ofMinutes(5));
        String publisherToken = TOKENS.draft07(SigningKey.hmac(PUBLISHER_KEY), List.of(topic), List.of(), null,
                Duration.ofMinutes(5));
        URI subscribe = URI.create(hub + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        try (SseClient sse = SseClient.to(subscribe).authorization(subscriberToken).open()) {
            assertEquals(200, sse.status(), sse.describe());
            assertEquals(200, HttpCalls.postForm(hub, Form.of("topic", topic, "data", "over HTTP", "private", "on"),
                    "Authorization", "Bearer " + publisherToken).statusCode());
            assertEquals("over HTTP", sse.next(WAIT).data());
            assertEquals(200, HttpCalls.postForm(base.toURI().resolve("app/publish"),
                    Form.of("topic", topic, "data", "in process")).statusCode());
            assertEquals("in process", sse.next(WAIT).data());
        }
        List<String> unclean = logSince(logStart).stream()
                .filter(line -> NOT_CLEAN.matcher(line).matches() || line.contains("SLF4J"))
                .filter(line -> !OWN_MESSAGE.matcher(line).find())
                .toList();
        assertEquals(List.of(), unclean, "server log lines since the deployment");
    }

    private static Path log() {
        return Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp"), "usr", "servers",
                System.getProperty("liberty.it.server", "mercureIT"), "logs", "messages.log");
    }

    private static long logSize() {
        try {
            return Files.size(log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log());
        // the log rolls over at its maximum size: then all of the new file is after the deployment
        int from = offset <= all.length ? (int) offset : 0;
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }
}
