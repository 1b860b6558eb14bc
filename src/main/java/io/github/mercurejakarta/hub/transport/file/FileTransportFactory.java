package io.github.mercurejakarta.hub.transport.file;

import io.github.mercurejakarta.config.ClassPresence;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportFactory;
import io.github.mercurejakarta.hub.transport.TransportSettings;

import java.util.List;
import java.util.Optional;

/**
 * {@code file:DIR} transports. The SQLite driver is an optional dependency of the library: this class
 * names none of its types, so it loads (and says what is missing) without it.
 */
public final class FileTransportFactory implements TransportFactory {

    @Override
    public List<String> schemes() {
        return List.of("file");
    }

    @Override
    public Optional<String> missingDependency() {
        return ClassPresence.loads("org.sqlite.SQLiteConfig", FileTransportFactory.class)
                ? Optional.empty()
                : Optional.of("the SQLite driver org.xerial:sqlite-jdbc (3.53.x)");
    }

    @Override
    public Transport create(String url, TransportSettings settings) {
        return FileTransport.open(FileTransport.directory(url), settings);
    }
}
