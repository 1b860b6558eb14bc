package io.github.mercurejakarta.exceptions;

/**
 * A {@code mercure.*} setting is missing or wrong: <b>fix the settings</b>. The message names the key.
 * Thrown when the application starts (a missing key that the configuration needs fails the deployment)
 * or at the first use of a helper that needs it (no subscriber key to mint tokens with, no hub URL for
 * browsers outside a request, active subscriptions switched off). An external hub that answers as no
 * hub would (404, 405, a redirect) is a {@link HubException}, one of these.
 *
 * <pre>{@code
 * catch (ConfigurationException e) {
 *     log.error("fix " + e.key() + ": " + e.getMessage());   // e.key() == "mercure.subscriber.secret.key"
 * }
 * }</pre>
 */
public class ConfigurationException extends MercureException {
    private static final long serialVersionUID = 1L;

    /** The configuration key at fault. */
    private final String key;

    /**
     * The message is prefixed with the key:
     * {@code new ConfigurationException("mercure.hub.url", "expected a URL")} says {@code mercure.hub.url: expected a URL}.
     *
     * @param key     the configuration key at fault
     * @param message what is wrong with it
     */
    public ConfigurationException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /**
     * For a message that already names the key, or says what to fix in its own words:
     * {@code new ConfigurationException("mercure.subscriber.secret.key", "cannot mint tokens: set it", e)}.
     *
     * @param key     the configuration key at fault
     * @param message the whole message (the key is not prefixed)
     * @param cause what went wrong underneath, or null
     */
    public ConfigurationException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** @return the configuration key at fault, e.g. {@code mercure.hub.url} */
    public String key() {
        return key;
    }
}
