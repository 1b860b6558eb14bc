package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportContract;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/** The transport contract against a real redis-server (each transport its own key prefix: a new, empty history). */
class RedisTransportContractTest extends TransportContract {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Transport create(int reconciliationLength) {
        return RedisTransport.connect(redis.url(), reconciliationLength, "contract-" + UUID.randomUUID());
    }
}
