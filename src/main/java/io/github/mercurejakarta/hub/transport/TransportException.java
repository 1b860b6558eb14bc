package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.exceptions.MercureException;

/** The transport cannot accept or deliver updates (e.g. Redis is down): publishers get 503. */
public class TransportException extends MercureException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
