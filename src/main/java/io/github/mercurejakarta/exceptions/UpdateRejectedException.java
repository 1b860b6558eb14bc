package io.github.mercurejakarta.exceptions;

/**
 * The hub refuses this update: <b>fix the update or the token</b>; retrying it as it is fails again.
 * The same family whichever hub is used: the update breaks a rule of the protocol
 * ({@link InvalidUpdateException} from the embedded hub, {@link HubRejectedUpdateException} from an
 * external one), or an external hub refuses the publisher token, or the subscriber token with which
 * the library reads its active subscriptions ({@link HubAuthorizationException}).
 *
 * <pre>{@code
 * try {
 *     mercure.publish(update);
 * } catch (UpdateRejectedException e) {
 *     log.error("the hub refused " + update + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class UpdateRejectedException extends MercureException {
    private static final long serialVersionUID = 1L;

    /** @param message why the update is refused: {@code new UpdateRejectedException("too many topics")} */
    public UpdateRejectedException(String message) {
        super(message);
    }

    /**
     * With the refusal underneath: {@code new UpdateRejectedException("refused", e)}.
     *
     * @param message why the update is refused
     * @param cause   the underlying refusal
     */
    public UpdateRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
