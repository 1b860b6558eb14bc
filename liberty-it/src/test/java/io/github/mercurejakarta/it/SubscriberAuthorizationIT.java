package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.testsupport.Form;
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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Subscriber authorization on a hub that refuses anonymous subscribers: every way a token can be
 * wrong gets 401 with the right challenge, each draft's token transports and their precedence, and
 * private updates only for the topics a token grants.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubscriberAuthorizationIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = "subscriber-key-of-the-authorization-it!";
    private static final TokenFactory TOKENS = new TokenFactory();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("subauth")
                .config("mercure.hub.allow.anonymous", "false")
                .config("mercure.subscriber.secret.key", KEY)
                .config("mercure.hub.issuer", "https://issuer.example")
                .classes(PublishResource.class, PublishResource.Book.class)
                .build();
    }

    @ArquillianResource
    URL base;

    private URI hub(String query) throws Exception {
        return base.toURI().resolve(".well-known/mercure?" + query);
    }

    private String audience() throws Exception {
        return base.toURI().resolve(".well-known/mercure").toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String token08(String issuer, String audience, Duration ttl, String... topics) {
        return TOKENS.draft08(SigningKey.hmac(KEY), issuer, audience, "u", List.of(),
                java.util.Arrays.stream(topics).map(TopicGrant::exact).toList(), null, ttl);
    }

    private static String token07(String key, Duration ttl, String... topics) {
        return TOKENS.draft07(SigningKey.hmac(key), List.of(), List.of(topics), null, ttl);
    }

    private void publishPrivate(String topic, String data) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("app/publish-update"),
                Form.of("topic", topic, "data", data, "private", "true"));
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String topic() {
        return "https://example.com/orders/" + UUID.randomUUID();
    }

    @Test
    void withoutATokenTheChallengeIsBare() throws Exception {
        HttpResponse<String> r = HttpCalls.get(hub("match=" + enc(topic())));
        assertEquals(401, r.statusCode());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""), "no error code without a token");
    }

    @Test
    void everyKindOfBadTokenIsInvalidToken() throws Exception {
        String t = topic();
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"iss\":\"https://issuer.example\"}".getBytes()) + ".";
        Map<String, String> bad = Map.of(
                "expired", new TokenFactory(java.time.Clock.fixed(java.time.Instant.now().minusSeconds(3600), java.time.ZoneOffset.UTC))
                        .draft08(SigningKey.hmac(KEY), "https://issuer.example", audience(), "u", List.of(),
                                List.of(TopicGrant.exact(t)), null, Duration.ofMinutes(5)),
                "wrong issuer", token08("https://other.example", audience(), Duration.ofMinutes(5), t),
                "wrong audience", token08("https://issuer.example", "https://other.example/.well-known/mercure", Duration.ofMinutes(5), t),
                "forged (other key)", token07("a-different-key-of-sufficient-length!!", null, t),
                "alg none", unsigned,
                "not a JWT", "not-a-jwt");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = HttpCalls.get(hub("match=" + enc(t)), "Authorization", "Bearer " + e.getValue());
            assertEquals(401, r.statusCode(), e.getKey());
            assertEquals("Bearer error=\"invalid_token\"", r.headers().firstValue("WWW-Authenticate").orElse(""), e.getKey());
        }
    }

    @Test
    void aValidDraft08TokenOpensTheStreamAndReceivesGrantedPrivateUpdates() throws Exception {
        String granted = topic();
        String other = topic();
        try (SseClient sse = SseClient.to(hub("match=" + enc(granted) + "&match=" + enc(other)))
                .authorization(token08("https://issuer.example", audience(), Duration.ofMinutes(5), granted)).open()) {
            assertEquals(200, sse.status());
            publishPrivate(other, "not yours");
            publishPrivate(granted, "yours");
            assertEquals("yours", sse.next(WAIT).data(), "a selector never widens what the token grants");
        }
    }

    @Test
    void theHeaderWinsOverAJunkCookie() throws Exception {
        String t = topic();
        try (SseClient sse = SseClient.to(hub("match=" + enc(t)))
                .authorization(token08("https://issuer.example", audience(), Duration.ofMinutes(5), t))
                .cookie("__Secure-mercure_access_token", "junk").open()) {
            assertEquals(200, sse.status(), "the Authorization header is used and the cookie ignored");
        }
    }

    @Test
    void draft07AcceptsTheTokenInTheQueryButDraft08NeverDoes() throws Exception {
        String t = topic();
        String token = token07(KEY, Duration.ofMinutes(5), t);
        try (SseClient sse = SseClient.open(hub("topic=" + enc(t) + "&authorization=" + enc(token)))) {
            assertEquals(200, sse.status(), "draft-07: authorization query parameter");
            publishPrivate(t, "via query");
            assertEquals("via query", sse.next(WAIT).data());
        }
        assertEquals(401, HttpCalls.get(hub("match=" + enc(t) + "&authorization=" + enc(token))).statusCode(),
                "draft-08 ignores tokens in the URL, so the request is anonymous, and anonymous is off");
        assertEquals(401, HttpCalls.get(hub("match=" + enc(t) + "&access_token=" + enc(token))).statusCode());
    }

    @Test
    void draft07PrefersTheQueryParameterOverTheCookie() throws Exception {
        String t = topic();
        String good = token07(KEY, Duration.ofMinutes(5), t);
        HttpResponse<String> r = HttpCalls.get(hub("topic=" + enc(t) + "&authorization=junk"), "Cookie", "mercureAuthorization=" + good);
        assertEquals(401, r.statusCode(), "the (junk) query parameter is used before the (good) cookie");
        try (SseClient sse = SseClient.to(hub("topic=" + enc(t))).cookie("mercureAuthorization", good).open()) {
            assertEquals(200, sse.status(), "the cookie alone works");
        }
    }

    @Test
    void aTypJwtTokenWithAuthorizationDetailsIsAnInvalidToken() throws Exception {
        // draft-08 claims without typ at+jwt: a malformed draft-08 token (401 invalid_token, as on the reference
        // hub), not a draft-07 token whose details would silently grant nothing
        String t = topic();
        String valid = token08("https://issuer.example", audience(), Duration.ofMinutes(5), t);
        String payload = valid.split("\\.")[1];
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue("HS256");
        jws.setHeader("typ", "JWT");
        jws.setKey(new org.jose4j.keys.HmacKey(KEY.getBytes(StandardCharsets.UTF_8)));
        String retyped = jws.getCompactSerialization();
        HttpResponse<String> r = HttpCalls.get(hub("match=" + enc(t)), "Authorization", "Bearer " + retyped);
        assertEquals(401, r.statusCode(), "a valid signature, but a malformed draft-08 token: " + r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"), r.headers().map().toString());
    }
}
