package io.github.mercurejakarta.server;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.JwksServer;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mercure hub --publisher-jwks-url --subscriber-jwks-url} against a real HTTP server serving the key
 * set: tokens verified with the key their kid names, a key rotation while a subscriber stays connected and a
 * publisher keeps publishing, a token whose key is in no set, and readiness while the endpoint is down.
 */
class JwksIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ISSUER = "https://auth.example.com/";
    private static final String TOPIC = "https://example.com/books/1";

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String jwks(Map<String, KeyPair> keys) throws Exception {
        List<String> jwk = new ArrayList<>();
        for (Map.Entry<String, KeyPair> e : keys.entrySet()) {
            PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(e.getValue().getPublic());
            k.setKeyId(e.getKey());
            jwk.add(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return "{\"keys\":[" + String.join(",", jwk) + "]}";
    }

    private static String publisher(KeyPair pair, String kid, String hubUrl) {
        return new TokenFactory().draft08(SigningKey.of(pair).withKeyId(kid), ISSUER, hubUrl, "publisher",
                List.of(TopicGrant.all()), List.of(), null, Duration.ofMinutes(10));
    }

    private static String subscriber(KeyPair pair, String kid, String hubUrl) {
        return new TokenFactory().draft08(SigningKey.of(pair).withKeyId(kid), ISSUER, hubUrl, "reader",
                List.of(), List.of(TopicGrant.exact(TOPIC)), null, Duration.ofMinutes(10));
    }

    private static HttpResponse<String> publish(HubProcess hub, String token, String data) {
        return HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", data, "private", "on"),
                "Authorization", "Bearer " + token);
    }

    @Test
    void aRotationWhileSubscribersAreConnectedAndPublishersKeepPublishing() throws Exception {
        KeyPair k1 = ec();
        KeyPair k2 = rsa();
        KeyPair k3 = ec();
        Map<String, KeyPair> published = new LinkedHashMap<>();
        published.put("k1", k1);
        try (JwksServer jwks = JwksServer.start(jwks(published));
             HubProcess hub = HubProcess.startHub(List.of("--publisher-jwks-url", jwks.url(), "--subscriber-jwks-url",
                     jwks.url(), "--issuer", ISSUER, "--jwks-min-refresh-interval", "1", "--no-allow-anonymous"), Map.of())) {
            String hubUrl = hub.hubUrl().toString();
            assertTrue(hub.stdoutLines().stream().anyMatch(l -> l.startsWith("No publisher tokens printed: publisher tokens are verified with the keys of " + jwks.url())),
                    hub.output());
            int fetchesAtStart = jwks.requests();
            assertEquals(1, fetchesAtStart, "one URL for both roles: one set, fetched once at start");

            try (SseClient old = SseClient.to(hub.hubUrl("match=" + TOPIC)).authorization(subscriber(k1, "k1", hubUrl)).open()) {
                assertEquals(200, old.awaitResponse(WAIT).statusCode());
                // a publisher keeps publishing with k1 while the server rotates
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger refused = new AtomicInteger();
                AtomicInteger sent = new AtomicInteger();
                String k1Publisher = publisher(k1, "k1", hubUrl);
                Thread steady = new Thread(() -> {
                    while (!stop.get()) {
                        int status = publish(hub, k1Publisher, "k1-" + sent.get()).statusCode();
                        if (status == 200) {
                            sent.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                });
                steady.start();
                try {
                    // rotation step 1: k2 is published next to k1
                    published.put("k2", k2);
                    jwks.serve(jwks(published));
                    Thread.sleep(1100); // past --jwks-min-refresh-interval, so the next unknown kid fetches
                    HttpResponse<String> withK2 = publish(hub, publisher(k2, "k2", hubUrl), "k2-first");
                    assertEquals(200, withK2.statusCode(), "a token with the new kid is accepted at once: " + withK2.body());
                    try (SseClient next = SseClient.to(hub.hubUrl("match=" + TOPIC)).authorization(subscriber(k2, "k2", hubUrl)).open()) {
                        assertEquals(200, next.awaitResponse(WAIT).statusCode());
                        assertEquals(200, publish(hub, publisher(k2, "k2", hubUrl), "k2-second").statusCode());
                        assertEquals("k2-second", next.nextWithData("k2-second", WAIT).data());
                    }
                } finally {
                    stop.set(true);
                    steady.join();
                }
                assertEquals(0, refused.get(), "no k1 publication was refused during the rotation");
                assertTrue(sent.get() > 0);
                assertEquals("k2-second", old.nextWithData("k2-second", WAIT).data(),
                        "the subscriber connected with k1 stayed connected and received everything");
            }

            // rotation step 2: k1 is withdrawn; the first token naming k3 fetches the set, and from then on k1 is refused
            published.remove("k1");
            published.put("k3", k3);
            jwks.serve(jwks(published));
            Thread.sleep(1100);
            assertEquals(200, publish(hub, publisher(k3, "k3", hubUrl), "k3").statusCode());
            HttpResponse<String> k1Now = publish(hub, publisher(k1, "k1", hubUrl), "too late");
            assertEquals(401, k1Now.statusCode(), "a withdrawn key no longer verifies, even for a token accepted before: " + k1Now.body());
            assertTrue(k1Now.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
            assertEquals(401, publish(hub, publisher(ec(), "stranger", hubUrl), "forged").statusCode(), "a key in no set");
            assertTrue(hub.stderrLines().stream().anyMatch(l -> l.contains("MERCURE0902I") && l.contains("[k2, k3]")), hub.output());
        }
    }

    @Test
    void readinessShowsTheSetAndStaysUpOnTheKeysHeldWhileTheEndpointIsDown() throws Exception {
        KeyPair k1 = ec();
        try (JwksServer jwks = JwksServer.start(jwks(Map.of("k1", k1)));
             HubProcess hub = HubProcess.startHub(List.of("--publisher-jwks-url", jwks.url(), "--issuer", ISSUER,
                     "--jwks-min-refresh-interval", "1"), Map.of())) {
            String hubUrl = hub.hubUrl().toString();
            HttpResponse<String> ready = HealthIT.get(hub, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"jwks " + jwks.url() + "\":\"1 key(s), fetched "), ready.body());

            jwks.fail(503);
            Thread.sleep(1100);
            assertEquals(401, publish(hub, publisher(ec(), "k2", hubUrl), "unknown kid").statusCode());
            hub.awaitStderr(l -> l.contains("MERCURE0901W"), WAIT);
            HttpResponse<String> down = HealthIT.get(hub, "/ready");
            assertEquals(200, down.statusCode(), "keys are held: still ready: " + down.body());
            assertTrue(down.body().contains("unreachable since") && down.body().contains("503"), "says so: " + down.body());
            assertEquals(200, publish(hub, publisher(k1, "k1", hubUrl), "still verified").statusCode(),
                    "tokens are verified with the keys held");
        }
    }

    @Test
    void aSetNeverFetchedMakesReadinessDown() throws Exception {
        try (JwksServer jwks = JwksServer.start("{\"keys\":[]}");
             HubProcess hub = HubProcess.startHub(List.of("--subscriber-jwks-url", jwks.url()), Map.of())) {
            HttpResponse<String> ready = HealthIT.get(hub, "/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("0 key(s)") && ready.body().contains("no key"), ready.body());
            assertTrue(hub.stderrLines().stream().anyMatch(l -> l.contains("MERCURE0901W")), hub.output());
        }
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String header(String token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HubProcess cli(String... args) {
        return HubProcess.runToExit(List.of(args), Map.of(), WAIT);
    }

    @Test
    void theCommandLineSignsWithPemPrivateKeysAndAKidThatAHubWithAJwkSetAccepts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        KeyPair rsa = rsa();
        KeyPair ec = withCurve(KeyPairGenerator.getInstance("EC"), "secp384r1");
        java.nio.file.Path rsaFile = dir.resolve("rsa.pem");
        java.nio.file.Files.writeString(rsaFile, pem(rsa));
        java.nio.file.Path ecFile = dir.resolve("ec.pem");
        java.nio.file.Files.writeString(ecFile, pem(ec));
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        keys.put("rsa-1", rsa);
        keys.put("ec-1", ec);
        try (JwksServer jwks = JwksServer.start(jwks(keys));
             HubProcess hub = HubProcess.startHub(List.of("--publisher-jwks-url", jwks.url(), "--subscriber-jwks-url",
                     jwks.url(), "--issuer", ISSUER, "--no-allow-anonymous"), Map.of())) {
            String hubUrl = hub.hubUrl().toString();
            // subscriber-jwt: the PEM given inline, EC P-384 → ES384
            HubProcess sub = cli("subscriber-jwt", "--protocol", "8", "--subscriber-secret", pem(ec), "--kid", "ec-1",
                    "--topic", TOPIC, "--issuer", ISSUER, "--hub", hubUrl);
            assertEquals(0, sub.exitValue(), sub.output());
            String subscriberToken = sub.stdoutLines().get(0);
            assertTrue(header(subscriberToken).contains("\"alg\":\"ES384\"") && header(subscriberToken).contains("\"kid\":\"ec-1\""),
                    header(subscriberToken));
            // publisher-jwt: the RSA key from a file, PS256 asked for
            HubProcess pub = cli("publisher-jwt", "--protocol", "8", "--key-file", rsaFile.toString(), "--kid", "rsa-1",
                    "--alg", "PS256", "--issuer", ISSUER, "--hub", hubUrl);
            assertEquals(0, pub.exitValue(), pub.output());
            String publisherToken = pub.stdoutLines().get(0);
            assertTrue(header(publisherToken).contains("\"alg\":\"PS256\"") && header(publisherToken).contains("\"kid\":\"rsa-1\""),
                    header(publisherToken));

            try (SseClient client = SseClient.to(hub.hubUrl("match=" + TOPIC)).authorization(subscriberToken).open()) {
                assertEquals(200, client.awaitResponse(WAIT).statusCode(), "the hub accepts the ES384 subscriber token");
                assertEquals(200, publish(hub, publisherToken, "from publisher-jwt").statusCode());
                client.nextWithData("from publisher-jwt", WAIT);
                // publish mints its own token the same way (EC key from a file, its kid)
                HubProcess published = cli("publish", "--hub", hubUrl, "--protocol", "8", "--issuer", ISSUER,
                        "--key-file", ecFile.toString(), "--kid", "ec-1", "--private", TOPIC, "from publish");
                assertEquals(0, published.exitValue(), published.output());
                client.nextWithData("from publish", WAIT);
            }
            // a kid the set does not hold: the hub refuses the token
            HubProcess stranger = cli("publish", "--hub", hubUrl, "--protocol", "8", "--issuer", ISSUER,
                    "--key-file", rsaFile.toString(), "--kid", "rsa-2", TOPIC, "refused");
            assertEquals(1, stranger.exitValue(), stranger.output());
            assertTrue(stranger.output().contains("401"), stranger.output());
            // an algorithm the key cannot sign with, and --key-file together with the secret option: usage errors
            HubProcess badAlg = cli("publisher-jwt", "--key-file", rsaFile.toString(), "--alg", "ES256");
            assertEquals(2, badAlg.exitValue(), badAlg.output());
            assertTrue(badAlg.output().contains("--alg: algorithm ES256 cannot be used with this RSA key"), badAlg.output());
            HubProcess both = cli("publisher-jwt", "--key-file", rsaFile.toString(), "--publisher-secret", "x");
            assertEquals(2, both.exitValue(), both.output());
            assertTrue(both.output().contains("either --publisher-secret or --key-file"), both.output());
        }
    }

    private static KeyPair withCurve(KeyPairGenerator g, String curve) throws Exception {
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }
}
