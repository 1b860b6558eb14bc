package io.github.mercurejakarta.config;

import io.github.mercurejakarta.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MercureConfigTest {

    @Test
    void defaultsAreFlasksDefaults() {
        MercureConfig c = MercureConfig.of(Map.of());
        assertTrue(c.embeddedHub(), "no hub URL: the embedded hub is on");
        assertTrue(c.hubUrlFromRequest());
        assertFalse(c.allowPublish());
        assertTrue(c.allowAnonymous());
        assertTrue(c.subscriptions());
        assertEquals(Duration.ofSeconds(15), c.keepAliveInterval());
        assertEquals(500, c.reconciliationLength());
        assertFalse(c.typeIsTopic());
        assertEquals("mercure", c.issuer());
        assertEquals("local", c.transport());
        assertEquals("auto", c.protocolVersion());
        assertTrue(c.publisherKey().isEmpty());
    }

    @Test
    void externalHubUrlTurnsTheEmbeddedHubOff() {
        MercureConfig c = MercureConfig.of(Map.of("mercure.hub.url", "http://localhost:5500/.well-known/mercure"));
        assertFalse(c.embeddedHub());
        assertEquals("http://localhost:5500/.well-known/mercure", c.hubUrl().orElseThrow());
        assertEquals(c.hubUrl(), c.publicHubUrl(), "the public URL defaults to the hub URL");
    }

    @Test
    void hubUrlTrueMeansFromTheRequest() {
        MercureConfig c = MercureConfig.of(Map.of("mercure.hub.url", "true"));
        assertTrue(c.hubUrlFromRequest());
        assertTrue(c.embeddedHub());
    }

    @Test
    void publicHubUrlTrueMeansTheRequestsUrlEvenWithAnExternalHub() {
        MercureConfig c = MercureConfig.of(Map.of("mercure.hub.url", "http://hub:5500/.well-known/mercure",
                "mercure.public.hub.url", "true"));
        assertTrue(c.publicHubUrl().isEmpty(), "browsers get the request's URL");
        assertEquals("http://hub:5500/.well-known/mercure", c.hubUrl().orElseThrow(), "the app still publishes internally");
    }

    @Test
    void mercureHubTrueForcesTheEmbeddedHub() {
        assertTrue(MercureConfig.of(Map.of("mercure.hub.url", "http://h/.well-known/mercure", "mercure.hub", "true")).embeddedHub());
    }

    @Test
    void keysFallBackToTheSharedSecret() {
        MercureConfig c = MercureConfig.of(Map.of("mercure.secret.key", "s", "mercure.subscriber.secret.key", "sub"));
        assertEquals("s", c.publisherKey().orElseThrow());
        assertEquals("sub", c.subscriberKey().orElseThrow());
    }

    @Test
    void badValuesNameTheirKey() {
        assertKeyNamed("mercure.hub.keepalive.interval", Map.of("mercure.hub.keepalive.interval", "soon"));
        assertKeyNamed("mercure.hub.reconciliation.length", Map.of("mercure.hub.reconciliation.length", "-1"));
        assertKeyNamed("mercure.hub.allow.anonymous", Map.of("mercure.hub.allow.anonymous", "yes"));
        assertKeyNamed("mercure.hub.url", Map.of("mercure.hub.url", "not a url"));
        assertKeyNamed("mercure.hub.cors.origins", Map.of("mercure.hub.cors.origins", "https://a.example/path"));
        assertKeyNamed("mercure.protocol.version", Map.of("mercure.protocol.version", "9"));
    }

    @Test
    void httpPublishingWithoutAKeyIsAConfigurationError() {
        assertKeyNamed("mercure.publisher.secret.key", Map.of("mercure.hub.allow.publish", "true"));
        assertTrue(MercureConfig.of(Map.of("mercure.hub.allow.publish", "true", "mercure.secret.key", "k")).allowPublish());
    }

    @Test
    void hubTimeoutIsInSecondsWithDecimalsAndDefaultsToFive() {
        assertEquals(Duration.ofSeconds(5), MercureConfig.of(Map.of()).hubTimeout());
        assertEquals(Duration.ofMillis(250), MercureConfig.of(Map.of("mercure.hub.timeout", "0.25")).hubTimeout());
        assertKeyNamed("mercure.hub.timeout", Map.of("mercure.hub.timeout", "0"));
        assertKeyNamed("mercure.hub.timeout", Map.of("mercure.hub.timeout", "5s"));
    }

    @Test
    void listsAreSplitOnCommasAndSpaces() {
        MercureConfig c = MercureConfig.of(Map.of("mercure.hub.cors.origins", "https://a.example, https://b.example:8443"));
        assertEquals(java.util.List.of("https://a.example", "https://b.example:8443"), c.corsOrigins());
    }

    @Test
    void environmentVariableNamesAreFlasks() {
        assertEquals("MERCURE_HUB_URL", MercureConfig.Key.HUB_URL.environmentVariable());
        assertEquals("MERCURE_HUB_KEEPALIVE_INTERVAL", MercureConfig.Key.HUB_KEEPALIVE_INTERVAL.environmentVariable());
        assertEquals("MERCURE_SUBSCRIBER_SECRET_KEY", MercureConfig.Key.SUBSCRIBER_SECRET_KEY.environmentVariable());
    }

    @Test
    void theHistoryMaximumAgeTakesSecondsOrAUnitAndIsUnboundedWhenUnset() {
        assertEquals(java.time.Duration.ZERO, MercureConfig.of(Map.of()).historyMaxAge(), "unset: no age bound");
        assertEquals(java.time.Duration.ofSeconds(90), MercureConfig.of(Map.of("mercure.hub.history.max.age", "90")).historyMaxAge());
        assertEquals(java.time.Duration.ofMinutes(15), MercureConfig.of(Map.of("mercure.hub.history.max.age", "15m")).historyMaxAge());
        assertEquals(java.time.Duration.ofHours(24), MercureConfig.of(Map.of("mercure.hub.history.max.age", "24H")).historyMaxAge());
        assertEquals(java.time.Duration.ofDays(7), MercureConfig.of(Map.of("mercure.hub.history.max.age", " 7d ")).historyMaxAge());
        for (String bad : new String[] {"0", "-5", "7w", "1.5h", "PT1H", "forever", "999999999999d"}) {
            assertKeyNamed("mercure.hub.history.max.age", Map.of("mercure.hub.history.max.age", bad));
        }
    }

    private static void assertKeyNamed(String key, Map<String, String> props) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MercureConfig.of(props));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key), "the message names the key: " + e.getMessage());
    }
}
