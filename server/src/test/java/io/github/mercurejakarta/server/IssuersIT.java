package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.JwksServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mercure hub --issuers} over HTTP: the hub's own issuer, one with a JWK Set given on the command line
 * and one with a secret and an audience given in the environment, each accepted with its own keys only.
 */
class IssuersIT {

    private static final String OWN_SECRET = "the-standalone-hub's-own-secret-for-IssuersIT";
    private static final String PARTNER_SECRET = "the-partner's-publisher-secret-for-IssuersIT";
    private static final String LOGIN = "https://login.example.com/";
    private static final String PARTNER = "urn:partner";

    private static String publisher(SigningKey key, String iss, String aud) {
        return new TokenFactory().draft08(key, iss, aud, "p", List.of(TopicGrant.all()), List.of(), null,
                Duration.ofMinutes(5));
    }

    private static int publish(HubProcess hub, String token) {
        HttpResponse<String> r = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", "https://example.com/i", "data", "x"),
                "Authorization", "Bearer " + token);
        return r.statusCode();
    }

    @Test
    void eachIssuerIsAcceptedWithItsOwnKeysOnly() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair login = g.generateKeyPair();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(login.getPublic());
        jwk.setKeyId("login-1");
        try (JwksServer jwks = JwksServer.start("{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
             HubProcess hub = HubProcess.startHub(List.of("--secret", OWN_SECRET, "--issuers", "login,partner",
                     "--issuer-setting", "login.issuer=" + LOGIN, "--issuer-setting", "login.jwks.url=" + jwks.url()),
                     Map.of("MERCURE_HUB_ISSUERS_PARTNER_ISSUER", PARTNER,
                             "MERCURE_HUB_ISSUERS_PARTNER_PUBLISHER_SECRET_KEY", PARTNER_SECRET,
                             "MERCURE_HUB_ISSUERS_PARTNER_AUDIENCE", "urn:mercure:hub"))) {
            String hubUrl = hub.hubUrl().toString();
            SigningKey loginKey = SigningKey.of(login).withKeyId("login-1");
            assertEquals(200, publish(hub, publisher(SigningKey.hmac(OWN_SECRET), "mercure", hubUrl)), "the hub's own issuer");
            assertEquals(200, publish(hub, publisher(loginKey, LOGIN, hubUrl)), "the login server, by its JWK Set");
            assertEquals(200, publish(hub, publisher(SigningKey.hmac(PARTNER_SECRET), PARTNER, "urn:mercure:hub")),
                    "the partner, with its audience");

            assertEquals(401, publish(hub, publisher(SigningKey.hmac(PARTNER_SECRET), PARTNER, hubUrl)), "not the partner's audience");
            assertEquals(401, publish(hub, publisher(SigningKey.hmac(PARTNER_SECRET), LOGIN, hubUrl)), "the partner's key naming the login server");
            assertEquals(401, publish(hub, publisher(loginKey, "mercure", hubUrl)), "the login key naming the hub's issuer");
            assertEquals(401, publish(hub, publisher(SigningKey.hmac(OWN_SECRET), "https://unknown.example", hubUrl)),
                    "an issuer nobody trusts");
        }
    }

    @Test
    void aMistakeInAGroupIsAUsageErrorNamingItsProperty() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--port", "0", "--issuers", "login"), Map.of(), Duration.ofSeconds(30));
        assertEquals(2, p.exitValue(), p.output());
        assertTrue(p.output().contains("mercure.hub.issuers.login.issuer"), p.output());
        HubProcess q = HubProcess.runToExit(List.of("hub", "--port", "0", "--issuer-setting", "login.colour=blue"), Map.of(),
                Duration.ofSeconds(30));
        assertEquals(2, q.exitValue(), q.output());
        assertTrue(q.output().contains("--issuer-setting: expected NAME.PROPERTY=VALUE"), q.output());
    }
}
