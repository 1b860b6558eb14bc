package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.config.MercureConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hub cores for unit tests, closed after each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestHubs hubs = new TestHubs();
 * ...
 * Hub hub = hubs.create("mercure.hub.max.connections", "2");
 * }</pre>
 *
 * Keep-alive is off unless a test sets {@code mercure.hub.keepalive.interval}, so that a test sees only
 * what it caused.
 */
final class TestHubs implements AfterEachCallback {

    private final List<Hub> hubs = new ArrayList<>();

    /** @param kv settings as key, value, key, value, ... */
    Hub create(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("mercure.hub.keepalive.interval", "0");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        Hub h = Hub.create(MercureConfig.of(m));
        hubs.add(h);
        return h;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        hubs.forEach(Hub::close);
        hubs.clear();
    }
}
