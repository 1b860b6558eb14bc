package io.github.mercurejakarta.exceptions;


/** A {@code mercure.*} configuration value is missing or wrong; the message names the key. */
public class ConfigurationException extends MercureException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigurationException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** @return the configuration key at fault. */
    public String key() {
        return key;
    }
}
