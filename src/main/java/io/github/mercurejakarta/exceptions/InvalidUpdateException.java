package io.github.mercurejakarta.exceptions;

/** The update breaks a rule of the protocol (reserved topic, bad id, {@code type=mercure}, ...). */
public class InvalidUpdateException extends MercureException {
    private static final long serialVersionUID = 1L;

    public InvalidUpdateException(String message) {
        super(message);
    }
}
