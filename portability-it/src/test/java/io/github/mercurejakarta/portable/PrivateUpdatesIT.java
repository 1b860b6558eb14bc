package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.WAIT;
import static io.github.mercurejakarta.portable.PortableApp.open;
import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Private updates with JWT authorization on the server under test: each draft's token, sent in the
 * {@code Authorization} header or the cookie, opens the stream to the private updates of the topics it
 * grants and no others; anonymous subscribers see public updates only; a bad token is refused.
 */
class PrivateUpdatesIT extends PortableIT {

    @Test
    void aDraft07TokenInTheHeaderReceivesThePrivateUpdatesItGrants() {
        String granted = topic("orders");
        String other = topic("orders");
        try (SseClient sse = open(SseClient.to(app.hub("topic", granted, "topic", other))
                .authorization(PortableApp.subscriberToken07(granted)))) {
            app.publishPrivate(other, "not granted");
            app.publishPrivate(granted, "granted");
            assertEquals("granted", sse.next(WAIT).data(), "only the granted topic's private update: " + sse.describe());
            app.publish(other, "public");
            assertEquals("public", sse.next(WAIT).data(), "public updates of any selected topic");
        }
    }

    @Test
    void aDraft08AccessTokenReceivesThePrivateUpdatesItGrants() {
        String granted = topic("orders");
        String other = topic("orders");
        try (SseClient sse = open(SseClient.to(app.hub("match", granted, "match", other))
                .authorization(app.subscriberToken08(granted)))) {
            app.publishPrivate(other, "not granted");
            app.publishPrivate(granted, "granted 08");
            assertEquals("granted 08", sse.next(WAIT).data(), sse.describe());
        }
    }

    @Test
    void theDraft07CookieAuthorizesTheSubscriber() {
        String topic = topic("orders");
        try (SseClient sse = open(SseClient.to(app.hub("topic", topic))
                .cookie("mercureAuthorization", PortableApp.subscriberToken07(topic)))) {
            app.publishPrivate(topic, "by cookie");
            assertEquals("by cookie", sse.next(WAIT).data(), sse.describe());
        }
    }

    @Test
    void anonymousSubscribersNeverReceivePrivateUpdates() {
        String topic = topic("orders");
        try (SseClient sse = open(SseClient.to(app.hub("topic", topic)))) {
            app.publishPrivate(topic, "secret");
            app.publish(topic, "public");
            assertEquals("public", sse.next(WAIT).data(), "the private update was skipped: " + sse.describe());
        }
    }

    @Test
    void badTokensAre401InvalidToken() {
        String topic = topic("orders");
        String forged = PortableApp.publisherToken07(); // signed with the publisher key
        String wrongAudience = new TokenFactory().draft08(SigningKey.hmac(PortableApp.SUBSCRIBER_KEY), PortableApp.ISSUER,
                "https://other.example/.well-known/mercure", "x", List.of(), List.of(TopicGrant.exact(topic)), null,
                Duration.ofMinutes(5));
        for (String token : new String[] {forged, wrongAudience, "not.a.jwt"}) {
            HttpResponse<String> r = HttpCalls.get(app.hub("match", topic), "Authorization", "Bearer " + token);
            assertEquals(401, r.statusCode(), token);
            assertEquals("Bearer error=\"invalid_token\"", r.headers().firstValue("WWW-Authenticate").orElse(""), token);
        }
    }
}
