package io.github.mercurejakarta.cdi;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A MicroProfile Config source the CDI tests fill before booting Weld (registered through
 * META-INF/services; SmallRye Config reads it at each look-up, so every test sets its own keys).
 */
public class TestConfigSource implements ConfigSource {

    static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "cdi-test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
