package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the factory for a {@code mercure.hub.transport} value; see {@link Transport#fromConfig}. */
final class Transports {

    private static final String KEY = MercureConfig.Key.HUB_TRANSPORT.key();

    private Transports() {
    }

    static Transport create(MercureConfig config) {
        String url = config.transport();
        TransportSettings settings = new TransportSettings(config.reconciliationLength(), config.historyMaxAge());
        if ("local".equals(url)) {
            return new LocalTransport(settings.reconciliationLength());
        }
        TransportFactory factory = factoryFor(url);
        try {
            return factory.create(url, settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(KEY, e.getMessage());
        }
    }

    static void check(String url) {
        if (!"local".equals(url)) {
            factoryFor(url);
        }
    }

    private static TransportFactory factoryFor(String url) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        List<String> known = new ArrayList<>(List.of("local"));
        // the library's own loader: in a war the factories live in the same jar as this class, whatever the
        // thread's context loader is
        for (TransportFactory f : ServiceLoader.load(TransportFactory.class, Transports.class.getClassLoader())) {
            if (f.schemes().contains(scheme)) {
                Optional<String> missing = f.missingDependency();
                if (missing.isPresent()) {
                    throw new ConfigurationException(KEY, "a " + scheme + ":// transport needs " + missing.get()
                            + " on the class path; add it to the application (or use `local`)");
                }
                return f;
            }
            f.schemes().forEach(s -> known.add("file".equals(s) ? "file:DIR" : "datasource".equals(s) ? "datasource:JNDI-NAME" : s + "://"));
        }
        throw new ConfigurationException(KEY, "expected `local` or a URL of one of " + known + ", got '" + url + "'");
    }
}
