package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.server.FrontEnd;
import io.github.mercurejakarta.server.UserError;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code mercure hub} runs with, read and checked before anything starts: the command line over the
 * environment over generated secrets, with the values the standalone hub forces on top. Every wrong value is
 * a {@link UserError} naming the key and where it was set.
 *
 * @param sources   the layers, for messages that say where a value came from
 * @param generated the secrets generated because none was given, by key
 */
record HubStartSettings(SettingSources sources, Map<String, String> generated, String host, int port, String frontEnd,
                   MercureConfig config, VerificationKey publisherKey, VerificationKey subscriberKey) {

    /** Address to listen on: a setting of this server only (not a library key). */
    static final String HOST_KEY = "mercure.hub.host";
    /** Port to listen on: a setting of this server only (not a library key). */
    static final String PORT_KEY = "mercure.hub.port";
    static final String DEFAULT_HOST = "0.0.0.0";
    static final int DEFAULT_PORT = 5500;

    /**
     * @param commandLine the values given as options, under their {@code mercure.*} keys
     * @param environment the process environment (a map in tests)
     */
    static HubStartSettings resolve(SettingSources.Layer commandLine, Function<String, String> environment) {
        SettingSources given = new SettingSources(List.of(commandLine, SettingSources.environment(environment)));
        Map<String, String> generated = generateMissingSecrets(given);
        SettingSources sources = new SettingSources(List.of(
                // The standalone hub exists to be published to over HTTP, and is the hub whatever
                // MERCURE_HUB / MERCURE_HUB_URL an application's environment may hold.
                SettingSources.map("standalone hub", Map.of(Key.HUB_ALLOW_PUBLISH.key(), "true", Key.HUB.key(), "true"),
                        k -> "the standalone hub"),
                commandLine,
                SettingSources.environment(environment),
                SettingSources.map("generated", generated, k -> "a generated secret")));

        String host = sources.value(HOST_KEY).orElse(DEFAULT_HOST);
        int port = port(sources);
        String frontEnd = frontEnd(sources);
        MercureConfig config = configuration(sources);
        VerificationKey publisherKey = verificationKey(sources, Key.PUBLISHER_SECRET_KEY, config.publisherKey());
        VerificationKey subscriberKey = verificationKey(sources, Key.SUBSCRIBER_SECRET_KEY, config.subscriberKey());
        return new HubStartSettings(sources, generated, host, port, frontEnd, config, publisherKey, subscriberKey);
    }

    /** @return a configuration error as one line naming the key and where its value was set */
    UserError badSetting(ConfigurationException e) {
        return badSetting(e, sources);
    }

    /**
     * Like flask-mercure-sse's server, a hub started without secrets still runs: it generates them
     * (32 random bytes, hex) and prints them. One shared secret when neither key is set, else the
     * missing one.
     */
    private static Map<String, String> generateMissingSecrets(SettingSources given) {
        boolean shared = given.value(Key.SECRET_KEY.key()).isPresent();
        boolean publisher = shared || given.value(Key.PUBLISHER_SECRET_KEY.key()).isPresent();
        boolean subscriber = shared || given.value(Key.SUBSCRIBER_SECRET_KEY.key()).isPresent();
        Map<String, String> generated = new LinkedHashMap<>();
        if (!publisher && !subscriber) {
            generated.put(Key.SECRET_KEY.key(), randomSecret());
        } else if (!publisher) {
            generated.put(Key.PUBLISHER_SECRET_KEY.key(), randomSecret());
        } else if (!subscriber) {
            generated.put(Key.SUBSCRIBER_SECRET_KEY.key(), randomSecret());
        }
        return generated;
    }

    /** A new secret: 32 random bytes as 64 hex characters (also what {@code mercure gen-secret-key} prints). */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int port(SettingSources sources) {
        Optional<SettingSources.Setting> setting = sources.find(PORT_KEY);
        if (setting.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(setting.get().value().trim());
            if (p >= 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(UserError.BAD_CONFIGURATION, PORT_KEY + ": expected a port from 0 to 65535, got '"
                + setting.get().value() + "' (from " + setting.get().origin() + ")");
    }

    private static String frontEnd(SettingSources sources) {
        Optional<SettingSources.Setting> setting = sources.find(FrontEnd.KEY);
        if (setting.isEmpty()) {
            return FrontEnd.NETTY;
        }
        String value = setting.get().value().trim().toLowerCase(Locale.ROOT);
        if (value.equals(FrontEnd.NETTY) || value.equals(FrontEnd.JAXRS)) {
            return value;
        }
        throw new UserError(UserError.BAD_CONFIGURATION, FrontEnd.KEY + ": expected netty or jaxrs, got '"
                + setting.get().value() + "' (from " + setting.get().origin() + ")");
    }

    private static MercureConfig configuration(SettingSources sources) {
        try {
            return MercureConfig.from(sources.lookup());
        } catch (ConfigurationException e) {
            throw badSetting(e, sources);
        }
    }

    private static UserError badSetting(ConfigurationException e, SettingSources sources) {
        String origin = sources.find(e.key()).map(s -> " (from " + s.origin() + ")").orElse("");
        return new UserError(UserError.BAD_CONFIGURATION, e.getMessage() + origin);
    }

    /**
     * Parses a key now, so that a malformed PEM is a one-line error naming the setting rather than an
     * IllegalArgumentException out of the hub's constructor.
     */
    private static VerificationKey verificationKey(SettingSources sources, Key specific, Optional<String> value) {
        String key = sources.value(specific.key()).isPresent() ? specific.key() : Key.SECRET_KEY.key();
        try {
            return VerificationKey.parse(value.orElseThrow());
        } catch (IllegalArgumentException e) {
            String origin = sources.find(key).map(s -> " (from " + s.origin() + ")").orElse("");
            throw new UserError(UserError.BAD_CONFIGURATION, key + ": " + e.getMessage() + origin);
        }
    }
}
