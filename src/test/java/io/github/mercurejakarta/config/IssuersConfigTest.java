package io.github.mercurejakarta.config;

import io.github.mercurejakarta.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named groups of {@code mercure.hub.issuers}: how they read, and every mistake named by its property. */
class IssuersConfigTest {

    private static MercureConfig config(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return MercureConfig.of(m);
    }

    @Test
    void groupsReadInTheListedOrderWithTheirFallbacks() {
        MercureConfig c = config("mercure.hub.issuers", "login, partner-2",
                "mercure.hub.issuers.login.issuer", "https://login.example.com/",
                "mercure.hub.issuers.login.jwks.url", "https://login.example.com/jwks.json",
                "mercure.hub.issuers.login.subscriber.jwks.url", "https://login.example.com/subscribers.json",
                "mercure.hub.issuers.partner-2.issuer", "urn:partner",
                "mercure.hub.issuers.partner-2.secret.key", "partner-secret",
                "mercure.hub.issuers.partner-2.publisher.secret.key", "partner-publisher-secret",
                "mercure.hub.issuers.partner-2.audience", "urn:hub");
        List<MercureConfig.Issuer> issuers = c.issuers();
        assertEquals(2, issuers.size());
        MercureConfig.Issuer login = issuers.get(0);
        assertEquals("login", login.name());
        assertEquals(Optional.of("https://login.example.com/jwks.json"), login.publisherJwksUrl(), "jwks.url for both roles");
        assertEquals(Optional.of("https://login.example.com/subscribers.json"), login.subscriberJwksUrl(), "the specific one wins");
        assertEquals(Optional.empty(), login.audience());
        MercureConfig.Issuer partner = issuers.get(1);
        assertEquals(Optional.of("partner-publisher-secret"), partner.publisherKey());
        assertEquals(Optional.of("partner-secret"), partner.subscriberKey());
        assertEquals(Optional.of("urn:hub"), partner.audience());
        assertEquals(List.of(), config().issuers(), "none by default");
    }

    @Test
    void everyMistakeNamesItsProperty() {
        assertKey("mercure.hub.issuers.a.issuer", "mercure.hub.issuers", "a");
        assertKey("mercure.hub.issuers.a.jwks.url", "mercure.hub.issuers", "a", "mercure.hub.issuers.a.issuer", "x");
        assertKey("mercure.hub.issuers.a.publisher.jwks.url", "mercure.hub.issuers", "a",
                "mercure.hub.issuers.a.issuer", "x", "mercure.hub.issuers.a.publisher.jwks.url", "ftp://x/");
        assertKey("mercure.hub.issuers.b.issuer", "mercure.hub.issuers", "a,b",
                "mercure.hub.issuers.a.issuer", "x", "mercure.hub.issuers.a.secret.key", "k",
                "mercure.hub.issuers.b.issuer", "x", "mercure.hub.issuers.b.secret.key", "k2");
        assertKey("mercure.hub.issuers.a.issuer", "mercure.hub.issuers", "a", "mercure.hub.issuers.a.issuer", "mercure",
                "mercure.hub.issuers.a.secret.key", "k");
        assertKey("mercure.hub.issuers", "mercure.hub.issuers", "Login");
    }

    private static void assertKey(String key, String... keyValues) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> config(keyValues));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void anIssuersPublisherKeyIsEnoughForHttpPublishing() {
        MercureConfig c = config("mercure.hub.allow.publish", "true", "mercure.hub.issuers", "a",
                "mercure.hub.issuers.a.issuer", "https://a.example", "mercure.hub.issuers.a.publisher.jwks.url",
                "https://a.example/jwks.json");
        assertTrue(c.allowPublish());
    }

}
