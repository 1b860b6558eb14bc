package io.github.mercurejakarta.exceptions;

/**
 * Base of every exception the library throws at its callers: an update the hub refuses, a hub that
 * cannot be reached, a configuration problem.
 */
public class MercureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MercureException(String message) {
        super(message);
    }

    public MercureException(String message, Throwable cause) {
        super(message, cause);
    }
}
