package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.config.Lazy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON-B that turns the application's own objects into update data ({@code mercure.publish(topic, data)},
 * {@code @MercureTopic} events, the recorder of tests): the application's {@code Jsonb} bean, else one
 * built from its {@code JsonbConfig} bean, else a default one. So the same object gives the same JSON
 * whichever way it is published.
 *
 * <p>Looked up at the first object to serialise, not at construction: the application's beans are not
 * all there while extensions and the library's beans are being set up, and an application that never
 * publishes an object needs no JSON-B implementation. A {@code Jsonb} built here is closed by
 * {@link #close()}; the application's own bean is the application's to close.
 *
 * <pre>{@code
 * ApplicationJsonb json = new ApplicationJsonb(() -> beans);
 * Update.of(topic, json.text(new BookChanged(42, "Dune")));    // {"id":42,"title":"Dune"}
 * }</pre>
 */
public final class ApplicationJsonb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApplicationJsonb.class.getName());

    /** The Jsonb found, and whether it was built here (then it is ours to close). */
    private record Found(Jsonb jsonb, boolean built) {
    }

    private final Lazy<Found> found;

    /** @param beans the application's beans, asked at the first use; null (or a supplier of null) for none */
    public ApplicationJsonb(Supplier<? extends Instance<Object>> beans) {
        this.found = Lazy.of(() -> find(beans == null ? null : beans.get()));
    }

    /**
     * @return the application's JSON-B as seen from the current CDI container ({@link CDI#current()}),
     *     or the default one where there is no container (a plain unit test)
     */
    public static ApplicationJsonb ofCurrentContainer() {
        return new ApplicationJsonb(ApplicationJsonb::currentContainer);
    }

    /**
     * Builds (and closes) a default {@code Jsonb}, to find out at deployment whether a JSON-B
     * implementation is available.
     *
     * @throws Exception or {@link LinkageError}: what {@link JsonbBuilder#create()} threw
     */
    static void requireImplementation() throws Exception {
        JsonbBuilder.create().close();
    }

    /** @return {@code data} as an update's data: a String (or null) as it is, anything else as JSON */
    public String text(Object data) {
        return data == null || data instanceof String ? (String) data : found.get().jsonb().toJson(data);
    }

    /** Closes the {@code Jsonb} built here, if one was. */
    @Override
    public void close() {
        found.ifComputed().filter(Found::built).ifPresent(f -> {
            try {
                f.jsonb().close();
            } catch (Exception e) {
                // nothing to release then
            }
        });
    }

    private static Found find(Instance<Object> beans) {
        if (beans != null) {
            Instance<Jsonb> own = beans.select(Jsonb.class);
            if (own.isResolvable()) {
                return new Found(own.get(), false);
            }
            Instance<JsonbConfig> configs = beans.select(JsonbConfig.class);
            if (configs.isResolvable()) {
                return new Found(JsonbBuilder.create(configs.get()), true);
            }
        }
        return new Found(JsonbBuilder.create(), true);
    }

    private static Instance<Object> currentContainer() {
        try {
            return CDI.current();
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.FINE, "no CDI container: the default JSON-B serialises update data ({0})", e.toString());
            return null;
        }
    }
}
