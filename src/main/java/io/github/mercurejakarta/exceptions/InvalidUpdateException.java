package io.github.mercurejakarta.exceptions;

/**
 * The update breaks a rule of the protocol (reserved topic, bad id, {@code type=mercure}, too many
 * topics, ...): the embedded hub's {@link UpdateRejectedException}, found before anything is sent.
 *
 * <pre>{@code
 * catch (InvalidUpdateException e) { log.error("cannot publish " + update + ": " + e.getMessage()); }
 * }</pre>
 */
public class InvalidUpdateException extends UpdateRejectedException {
    private static final long serialVersionUID = 1L;

    /** @param message the rule broken: {@code new InvalidUpdateException("the type mercure is reserved")} */
    public InvalidUpdateException(String message) {
        super(message);
    }
}
