package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.config.ClassPresence;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportFactory;
import io.github.mercurejakarta.hub.transport.TransportSettings;

import java.util.List;
import java.util.Optional;

/**
 * {@code postgresql://}, {@code postgres://} and {@code datasource:} transports. pgjdbc is an optional
 * dependency of the library: this class names none of its types, so it loads (and says what is missing)
 * without it. A {@code datasource:} transport uses the application server's driver, visible to the
 * application when the server shares it (on Open Liberty: the library of the {@code dataSource} given to
 * the application through a {@code classloader}'s {@code commonLibraryRef}).
 */
public final class PostgresTransportFactory implements TransportFactory {

    @Override
    public List<String> schemes() {
        return List.of("postgresql", "postgres", "datasource");
    }

    @Override
    public Optional<String> missingDependency() {
        return ClassPresence.loads("org.postgresql.PGConnection", PostgresTransportFactory.class)
                ? Optional.empty()
                : Optional.of("the PostgreSQL driver org.postgresql:postgresql (42.7.x)");
    }

    @Override
    public Transport create(String url, TransportSettings settings) {
        return PostgresTransport.connect(url, settings);
    }
}
