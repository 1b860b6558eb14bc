package io.github.mercurejakarta.http;

/** A request the protocol refuses with 400; the message is the response body. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
