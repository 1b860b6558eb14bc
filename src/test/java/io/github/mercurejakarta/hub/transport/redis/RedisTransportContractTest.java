package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.hub.transport.DurableTransportContract;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

/** The transport contract against a real redis-server (each transport its own key prefix: a new, empty history). */
class RedisTransportContractTest extends DurableTransportContract {

    private static RedisServer redis;
    private final Map<Transport, String> prefixes = new IdentityHashMap<>();

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
        String prefix = "contract-" + UUID.randomUUID();
        Transport t = RedisTransport.connect(redis.url(), reconciliationLength, prefix);
        prefixes.put(t, prefix);
        return t;
    }

    /** The same keys: Redis keeps the stream whatever happens to the node. */
    @Override
    protected Transport reopen(Transport killed, int reconciliationLength) {
        return RedisTransport.connect(redis.url(), reconciliationLength, prefixes.get(killed));
    }
}
