package io.github.mercurejakarta.it;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.JwksServer;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedded hub on Open Liberty verifying tokens with a JWK Set served by a real HTTP server in the test
 * JVM: a key rotation while a subscriber stays connected, and a withdrawn or unknown key refused with 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwksIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ISSUER = "https://auth.example.com/";
    private static final String TOPIC = "https://example.com/jwks/1";
    private static final Map<String, KeyPair> PUBLISHED = new LinkedHashMap<>();
    private static final KeyPair K1 = ec();
    private static final KeyPair K2 = ec();
    private static final KeyPair K3 = ec();
    private static JwksServer jwks;

    @Deployment(testable = false)
    static WebArchive app() {
        PUBLISHED.put("k1", K1);
        jwks = JwksServer.start(jwks());
        return Deployments.war("jwks")
                .config("mercure.hub.allow.publish", "true")
                .config("mercure.hub.allow.anonymous", "false")
                .config("mercure.publisher.jwks.url", jwks.url())
                .config("mercure.subscriber.jwks.url", jwks.url())
                .config("mercure.hub.jwks.min.refresh.interval", "1")
                .config("mercure.hub.issuer", ISSUER)
                .build();
    }

    @AfterAll
    static void stopJwks() {
        if (jwks != null) {
            jwks.close();
        }
    }

    @ArquillianResource
    URL base;

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String jwks() {
        try {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, KeyPair> e : PUBLISHED.entrySet()) {
                PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(e.getValue().getPublic());
                k.setKeyId(e.getKey());
                keys.add(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            return "{\"keys\":[" + String.join(",", keys) + "]}";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI hub() throws Exception {
        return base.toURI().resolve(".well-known/mercure");
    }

    private String token(KeyPair pair, String kid, boolean publisher) throws Exception {
        List<TopicGrant> grants = List.of(TopicGrant.exact(TOPIC));
        return new TokenFactory().draft08(SigningKey.of(pair).withKeyId(kid), ISSUER, hub().toString(), "it",
                publisher ? grants : List.of(), publisher ? List.of() : grants, null, Duration.ofMinutes(5));
    }

    private HttpResponse<String> publish(KeyPair pair, String kid, String data) throws Exception {
        return HttpCalls.postForm(hub(), Form.of("topic", TOPIC, "data", data, "private", "on"),
                "Authorization", "Bearer " + token(pair, kid, true));
    }

    @Test
    void aRotationWhileASubscriberIsConnected() throws Exception {
        URI subscribe = URI.create(hub() + "?match=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8));
        try (SseClient client = SseClient.to(subscribe).authorization(token(K1, "k1", false)).open()) {
            assertEquals(200, client.status(), client.describe()); // registered: its head is written
            assertEquals(200, publish(K1, "k1", "before").statusCode());
            client.nextWithData("before", WAIT);

            PUBLISHED.put("k2", K2);
            jwks.serve(jwks());
            Thread.sleep(1100); // past mercure.hub.jwks.min.refresh.interval
            HttpResponse<String> r = publish(K2, "k2", "after");
            assertEquals(200, r.statusCode(), "the new kid is fetched at once: " + r.body());
            client.nextWithData("after", WAIT);
            assertEquals(200, publish(K1, "k1", "k1 still listed").statusCode());
            client.nextWithData("k1 still listed", WAIT);
        }
        PUBLISHED.remove("k1");
        PUBLISHED.put("k3", K3);
        jwks.serve(jwks());
        Thread.sleep(1100);
        assertEquals(200, publish(K3, "k3", "k3").statusCode());
        assertEquals(401, publish(K1, "k1", "withdrawn").statusCode(), "k1 is no longer in the set");
        assertEquals(401, publish(ec(), "k9", "forged").statusCode(), "a key in no set");
        assertEquals(401, SseClient.to(subscribe).authorization(token(K1, "k1", false)).open().awaitResponse(WAIT).statusCode());
    }
}
