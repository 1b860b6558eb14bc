package io.github.mercurejakarta.match;

/** A selector that cannot be compiled (malformed URL Pattern, too long, ...): the hub answers 400. */
public class InvalidSelectorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSelectorException(String message) {
        super(message);
    }

    public InvalidSelectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
