package io.github.mercurejakarta.exceptions;

/**
 * Base of every exception the library throws at its callers (unchecked). Catch one of its three
 * families, one per thing a caller does about it, the same for the embedded hub and an external one:
 *
 * <ul>
 *   <li>{@link HubUnavailableException}: the hub is down or unreachable, retry later;</li>
 *   <li>{@link UpdateRejectedException}: the update or the publisher token is refused, fix it;</li>
 *   <li>{@link ConfigurationException}: a setting is missing or wrong (including a hub URL that names
 *       no hub: {@link HubException}), fix the settings.</li>
 * </ul>
 *
 * <pre>{@code
 * try {
 *     mercure.publish(update);
 * } catch (HubUnavailableException e) {
 *     outbox.retryLater(update);
 * } catch (UpdateRejectedException e) {
 *     log.error("refused: " + e.getMessage());
 * }   // ConfigurationException: let it fail the request, the settings need fixing
 * }</pre>
 */
public class MercureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed: {@code new MercureException("interrupted while publishing")} */
    public MercureException(String message) {
        super(message);
    }

    /**
     * With the failure underneath: {@code new MercureException("interrupted while publishing", e)}.
     *
     * @param message what failed
     * @param cause   the underlying failure
     */
    public MercureException(String message, Throwable cause) {
        super(message, cause);
    }
}
