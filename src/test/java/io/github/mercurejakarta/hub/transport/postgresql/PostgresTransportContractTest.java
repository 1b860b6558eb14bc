package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.hub.transport.DurableTransportContract;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import io.github.mercurejakarta.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The transport contract against a real PostgreSQL server (each transport its own schema: a new, empty
 * history); a killed node's connections are dropped mid-commit, and a new node opens the same schema.
 */
class PostgresTransportContractTest extends DurableTransportContract {

    private static PostgresServer pg;
    private static int schemas;
    private final Map<Transport, String> urls = new IdentityHashMap<>();

    @BeforeAll
    static void startPostgres() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected Transport create(int reconciliationLength) {
        String url = pg.url() + "?schema=contract_" + schemas++;
        Transport t = PostgresTransport.connect(url, new TransportSettings(reconciliationLength));
        urls.put(t, url);
        return t;
    }

    @Override
    protected void kill(Transport t) {
        ((PostgresTransport) t).kill();
    }

    @Override
    protected Transport reopen(Transport killed, int reconciliationLength) {
        return PostgresTransport.connect(urls.get(killed), new TransportSettings(reconciliationLength));
    }
}
