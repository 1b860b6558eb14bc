package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportFromConfigTest {

    @Test
    void localIsTheDefault() {
        Transport t = Transport.fromConfig(MercureConfig.of(Map.of()));
        try {
            assertInstanceOf(LocalTransport.class, t, "no mercure.hub.transport: the in-memory transport");
        } finally {
            t.close();
        }
    }

    @Test
    void aSchemeNoFactoryAcceptsIsAConfigurationErrorListingTheKnownOnes() {
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.transport", "kafka://x"));
        for (Runnable call : new Runnable[] {() -> Transport.check(config), () -> Transport.fromConfig(config)}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, call::run);
            assertEquals("mercure.hub.transport", e.key());
            assertTrue(e.getMessage().contains("kafka://x") && e.getMessage().contains("redis://"),
                    "the message quotes the value and names the transports there are: " + e.getMessage());
        }
    }

    @Test
    void aRedisUrlIsAcceptedWithoutConnecting() {
        Transport.check(MercureConfig.of(Map.of("mercure.hub.transport", "redis://127.0.0.1:1")));
    }
}
