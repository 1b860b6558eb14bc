package io.github.mercurejakarta.hub.transport;

import java.util.List;
import java.util.Optional;

/**
 * Makes the {@link Transport} that a {@code mercure.hub.transport} URL names. Transports other than
 * {@code local} are found with {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/io.github.mercurejakarta.hub.transport.TransportFactory} naming the class), so
 * that a transport with an optional client library (Redis: Lettuce) is chosen by its own package and the
 * hub core names none of them.
 *
 * <pre>{@code
 * public final class FileTransportFactory implements TransportFactory {
 *     public List<String> schemes() { return List.of("file"); }
 *     public Optional<String> missingDependency() { return Optional.empty(); }
 *     public Transport create(String url, TransportSettings settings) { return FileTransport.open(url, settings); }
 * }
 * }</pre>
 */
public interface TransportFactory {

    /** @return the URL schemes this factory makes transports for, lower case, e.g. {@code ["redis", "rediss"]} */
    List<String> schemes();

    /**
     * @return what the application must add for this transport to work (e.g. the Maven coordinates of a
     * client library that is an optional dependency), or empty when everything it needs loads
     */
    Optional<String> missingDependency();

    /**
     * Connects the transport {@code url} names.
     *
     * @throws IllegalArgumentException when the URL is not usable (reported as a configuration error)
     * @throws TransportException when the backing service cannot be reached
     */
    Transport create(String url, TransportSettings settings);
}
