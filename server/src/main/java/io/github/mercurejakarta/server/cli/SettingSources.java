package io.github.mercurejakarta.server.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each {@code mercure.*} setting of the standalone hub comes from, highest first: values the
 * hub forces, the command line, the environment, then values the hub generated (a missing secret).
 * What none of them sets falls to {@link io.github.mercurejakarta.config.MercureConfig}'s defaults.
 *
 * <p>Why not SmallRye Config: the only sources are these, and MicroProfile Config's environment
 * mapping is three lookups (below); a config library would add a jar and start-up time for nothing.
 * Keeping the layers explicit also lets an error say <em>where</em> a wrong value was set.
 */
final class SettingSources {

    /** One source of values, named for error messages. */
    record Layer(String name, Function<String, Optional<String>> values, Function<String, String> describeKey) {
    }

    /** A value and the description of where it was set, e.g. {@code --port} or {@code environment MERCURE_HUB_PORT}. */
    record Setting(String value, String origin) {
    }

    private final List<Layer> layers;

    SettingSources(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** @return the first non-blank value of {@code key}, highest layer first. */
    Optional<String> value(String key) {
        return find(key).map(Setting::value);
    }

    /** @return the value of {@code key} with where it came from, highest layer first. */
    Optional<Setting> find(String key) {
        for (Layer layer : layers) {
            Optional<String> v = layer.values().apply(key).filter(s -> !s.isBlank());
            if (v.isPresent()) {
                return Optional.of(new Setting(v.get(), layer.describeKey().apply(key)));
            }
        }
        return Optional.empty();
    }

    /** The lookup to hand to {@code MercureConfig.from}. */
    Function<String, Optional<String>> lookup() {
        return this::value;
    }

    /** A fixed map of values, e.g. those forced by the hub or given on the command line. */
    static Layer map(String name, Map<String, String> values, Function<String, String> describeKey) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        return new Layer(name, k -> Optional.ofNullable(copy.get(k)), describeKey);
    }

    /**
     * The environment, read as MicroProfile Config does for a property name: the exact name, then
     * non-alphanumerics replaced by {@code _}, then that upper-cased ({@code mercure.hub.port} →
     * {@code MERCURE_HUB_PORT}).
     */
    static Layer environment(Function<String, String> env) {
        return new Layer("environment", k -> environmentName(k, env).map(env), k -> "environment variable "
                + environmentName(k, env).orElse(environmentVariable(k)));
    }

    /** @return the variable MicroProfile Config reads for {@code key}, upper-case form: {@code MERCURE_HUB_PORT}. */
    static String environmentVariable(String key) {
        return sanitized(key).toUpperCase(Locale.ROOT);
    }

    private static Optional<String> environmentName(String key, Function<String, String> env) {
        for (String name : List.of(key, sanitized(key), environmentVariable(key))) {
            if (env.apply(name) != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static String sanitized(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_");
    }
}
