package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several authorization servers trusted by the embedded hub on Open Liberty, configured as MicroProfile Config
 * named groups ({@code mercure.hub.issuers.<name>.*}): each issuer's subscriber tokens open streams with its own
 * key and audience only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IssuersIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OWN = "the-embedded-hub's-own-subscriber-key!";
    private static final String LOGIN = "the-login-server's-subscriber-key-32b!";
    private static final String PARTNER = "the-partner's-subscriber-key-of-32-byte";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("issuers")
                .config("mercure.hub.allow.anonymous", "false")
                .config("mercure.subscriber.secret.key", OWN)
                .config("mercure.hub.issuers", "login,partner-2")
                .config("mercure.hub.issuers.login.issuer", "https://login.example.com/")
                .config("mercure.hub.issuers.login.secret.key", LOGIN)
                .config("mercure.hub.issuers.partner-2.issuer", "urn:partner")
                .config("mercure.hub.issuers.partner-2.subscriber.secret.key", PARTNER)
                .config("mercure.hub.issuers.partner-2.audience", "urn:mercure:hub")
                .build();
    }

    @ArquillianResource
    URL base;

    private URI hub() throws Exception {
        return URI.create(base.toURI().resolve(".well-known/mercure") + "?match="
                + URLEncoder.encode("https://example.com/issuers", StandardCharsets.UTF_8));
    }

    private String token(String key, String iss, String aud) {
        return new TokenFactory().draft08(SigningKey.hmac(key), iss, aud, "u", List.of(),
                List.of(TopicGrant.exact("https://example.com/issuers")), null, Duration.ofMinutes(5));
    }

    private int status(String token) throws Exception {
        try (SseClient sse = SseClient.to(hub()).authorization(token).headersTimeout(WAIT).open()) {
            return sse.status();
        }
    }

    @Test
    void eachIssuersTokensOpenStreamsWithItsOwnKeyOnly() throws Exception {
        String hubUrl = base.toURI().resolve(".well-known/mercure").toString();
        assertEquals(200, status(token(OWN, "mercure", hubUrl)), "the hub's own issuer");
        assertEquals(200, status(token(LOGIN, "https://login.example.com/", hubUrl)), "the login server");
        assertEquals(200, status(token(PARTNER, "urn:partner", "urn:mercure:hub")), "the partner, with its audience");
        assertEquals(401, HttpCalls.get(hub(), "Authorization", "Bearer " + token(PARTNER, "urn:partner", hubUrl)).statusCode(),
                "not the partner's audience");
        assertEquals(401, HttpCalls.get(hub(), "Authorization", "Bearer " + token(PARTNER, "https://login.example.com/", hubUrl))
                .statusCode(), "the partner's key naming the login server");
        assertEquals(401, HttpCalls.get(hub(), "Authorization", "Bearer " + token(LOGIN, "mercure", hubUrl)).statusCode(),
                "the login key naming the hub's own issuer");
    }
}
