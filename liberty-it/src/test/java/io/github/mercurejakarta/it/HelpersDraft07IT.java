package io.github.mercurejakarta.it;

import io.github.mercurejakarta.it.app.HelpersResource;
import io.github.mercurejakarta.it.app.PublishResource;
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
import java.net.http.HttpResponse;

import static io.github.mercurejakarta.it.HelpersIT.*;
import static org.junit.jupiter.api.Assertions.*;

/** The subscriber helpers with {@code mercure.protocol.version=7}: topic parameters, draft-07 tokens and cookie. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HelpersDraft07IT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("helpers07")
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.protocol.version", "7")
                .config("mercure.hub.keepalive.interval", "1")
                .classes(HelpersResource.class, PublishResource.class, PublishResource.Book.class)
                .build();
    }

    @ArquillianResource
    URL base;

    @Test
    void hubUrlUsesTopicParameters() throws Exception {
        assertEquals(base + ".well-known/mercure?topic=https://example.com/books/%7Bid%7D",
                get(base, "helpers/hub-url", "topic", "https://example.com/books/{id}"));
    }

    @Test
    void theHubUrlAndTokenOfAPageReceiveAPrivateUpdate() throws Exception {
        String topic = topic();
        String hubUrl = get(base, "helpers/hub-url", "topic", topic);
        String token = get(base, "helpers/token", "topic", topic);
        try (SseClient sse = subscribe(SseClient.to(URI.create(hubUrl)).authorization(token))) {
            publishPrivately(base, topic, "for the token holder");
            assertEquals("for the token holder", sse.next(WAIT).data());
        }
    }

    @Test
    void theCookieOfAPageReceivesAPrivateUpdate() throws Exception {
        String topic = topic();
        HttpResponse<String> page = HttpCalls.get(uri(base, "helpers/cookie", "topic", topic));
        String[] cookie = cookie(page);
        assertEquals("mercureAuthorization", cookie[0], "draft-07's cookie name");
        assertTrue(page.headers().firstValue("Set-Cookie").orElseThrow()
                .endsWith("; Max-Age=3600; Path=/helpers07/.well-known/mercure; HttpOnly; SameSite=Strict"),
                "no Secure over http for an unprefixed name");
        try (SseClient sse = subscribe(SseClient.to(URI.create(page.body())).cookie(cookie[0], cookie[1]))) {
            publishPrivately(base, topic, "for the cookie holder");
            assertEquals("for the cookie holder", sse.next(WAIT).data());
        }
    }

    @Test
    void theAuthenticatedHubUrlAloneReceivesAPrivateUpdate() throws Exception {
        String topic = topic();
        String url = get(base, "helpers/authenticated-hub-url", "topic", topic);
        assertTrue(url.contains("&authorization="), url);
        try (SseClient sse = subscribe(SseClient.to(URI.create(url)))) {
            publishPrivately(base, topic, "for the URL holder");
            assertEquals("for the URL holder", sse.next(WAIT).data());
        }
    }
}
