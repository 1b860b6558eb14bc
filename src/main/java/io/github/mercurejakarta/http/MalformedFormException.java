package io.github.mercurejakarta.http;

/**
 * An {@code application/x-www-form-urlencoded} body or query string that does not decode to UTF-8
 * text: the hub answers 400 (Mercure requires UTF-8, and replacing bytes with U+FFFD could turn two
 * different topics into the same one).
 */
public class MalformedFormException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedFormException(String message) {
        super(message);
    }
}
