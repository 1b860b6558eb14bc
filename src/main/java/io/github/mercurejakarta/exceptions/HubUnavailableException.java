package io.github.mercurejakarta.exceptions;

/**
 * The hub cannot take the update now: <b>retry later</b>. The same family whichever hub is used: the
 * embedded hub's transport is down (Redis unreachable: {@code hub.transport.TransportException}) or the
 * hub is shutting down; an external hub cannot be reached ({@link HubUnreachableException}), does not
 * answer in time ({@link HubTimeoutException}) or fails (5xx, {@link HubServerException}). The embedded
 * hub answers HTTP publishers and subscribers 503 for exactly this family.
 *
 * <pre>{@code
 * try {
 *     mercure.publish(update);
 * } catch (HubUnavailableException e) {
 *     outbox.retryLater(update);          // transient: Redis or the hub is down
 * }
 * }</pre>
 */
public class HubUnavailableException extends MercureException {
    private static final long serialVersionUID = 1L;

    /** @param message what is unavailable: {@code new HubUnavailableException("the outbox's hub is down")} */
    public HubUnavailableException(String message) {
        super(message);
    }

    /**
     * With the failure underneath: {@code new HubUnavailableException("Redis is down", e)}.
     *
     * @param message what is unavailable
     * @param cause   the underlying failure
     */
    public HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
