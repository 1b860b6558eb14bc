package io.github.mercurejakarta.config;

import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.exceptions.ConfigurationException;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the text of a {@code mercure.*} value becomes a checked value, for every class of this package
 * that reads one ({@link MercureConfig}, {@link OperationsConfig}, {@link TrustedProxies}): each parser
 * names the key in the {@link ConfigurationException} it throws, so a wrong value fails the deployment
 * with a message that says which setting to fix.
 *
 * <pre>{@code
 * ConfigValues.wholeNumber(Key.HUB_MAX_TOPICS, "1000", 1, 100_000);   // 1000
 * ConfigValues.list("https://a.example, https://b.example");          // [https://a.example, https://b.example]
 * }</pre>
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /**
     * @return the value of every key that has one: its configured text, trimmed (blank counts as unset),
     *     else its default
     */
    static Map<Key, String> read(Function<String, Optional<String>> lookup) {
        Map<Key, String> values = new LinkedHashMap<>();
        for (Key k : Key.values()) {
            Optional<String> v = lookup.apply(k.key()).map(String::trim).filter(s -> !s.isEmpty());
            if (v.isPresent()) {
                values.put(k, v.get());
            } else if (k.defaultValue() != null) {
                values.put(k, k.defaultValue());
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** @throws ConfigurationException naming {@code key} unless {@code value} is true or false (any case) */
    static boolean bool(Key key, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new ConfigurationException(key.key(), "expected true or false, got '" + value + "'");
    }

    /** @throws ConfigurationException naming {@code key} unless {@code value} is a whole number from min to max */
    static long wholeNumber(Key key, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value == null ? null : value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key.key(), "expected a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new ConfigurationException(key.key(), "expected a number from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    /**
     * @return a number of seconds with decimals ({@code 5}, {@code 0.5}), to the millisecond (at least 1 ms)
     * @throws ConfigurationException naming {@code key} unless it is more than 0 and at most 3600
     */
    static Duration decimalSeconds(Key key, String value) {
        BigDecimal s;
        try {
            s = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key.key(), "expected a number of seconds such as 5 or 0.5, got '" + value + "'");
        }
        if (s.signum() <= 0 || s.compareTo(BigDecimal.valueOf(3600)) > 0) {
            throw new ConfigurationException(key.key(), "expected more than 0 and at most 3600 seconds, got " + value);
        }
        return Duration.ofMillis(Math.max(1, s.movePointRight(3).longValue()));
    }

    /**
     * @return a duration given as whole seconds ({@code 90}) or a whole number with a unit {@code s},
     * {@code m}, {@code h} or {@code d} ({@code 15m}, {@code 7d})
     * @throws ConfigurationException naming {@code key} unless it is at least 1 s and at most 100 years
     */
    static Duration duration(Key key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("([0-9]{1,12})([smhd]?)").matcher(v);
        if (!m.matches()) {
            throw new ConfigurationException(key.key(), "expected a duration such as 3600, 90s, 15m, 24h or 7d, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 1;
        };
        if (n < 1 || n > 36_500L * 86_400 / unit) {
            throw new ConfigurationException(key.key(), "expected at least 1 second and at most 100 years, got '" + value + "'");
        }
        return Duration.ofSeconds(n * unit);
    }

    /** @return the items of a list separated by commas and/or white space; empty for null */
    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** @throws ConfigurationException naming {@code key} unless {@code url} is an absolute http(s) URL with a host */
    static void checkHttpUrl(Key key, String url) {
        checkHttpUrl(key.key(), url);
    }

    /** As above, for a property that is not a {@link Key} (a named group's). */
    static void checkHttpUrl(String key, String url) {
        try {
            URI u = new URI(url);
            if (!u.isAbsolute() || u.getHost() == null
                    || !List.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                throw new ConfigurationException(key, "expected an absolute http(s) URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "not a URL: '" + url + "' (" + e.getReason() + ")");
        }
    }

    /** @throws ConfigurationException naming {@code key} unless {@code origin} is scheme://host[:port] with no path */
    static void checkOrigin(Key key, String origin) {
        try {
            URI u = new URI(origin);
            if (!u.isAbsolute() || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new ConfigurationException(key.key(), "expected origins like https://app.example.com, got '" + origin + "'");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key.key(), "not an origin: '" + origin + "'");
        }
    }
}
