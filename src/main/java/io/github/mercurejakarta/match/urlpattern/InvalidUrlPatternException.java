package io.github.mercurejakarta.match.urlpattern;

/**
 * A malformed URL pattern, or a URL Pattern input that cannot be canonicalised (the JavaScript API
 * throws a {@code TypeError} in the same situations).
 */
public class InvalidUrlPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidUrlPatternException(String message) {
        super(message);
    }

    public InvalidUrlPatternException(String message, Throwable cause) {
        super(message, cause);
    }
}
