package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.exceptions.HubUnavailableException;

/**
 * The transport cannot accept or deliver updates (e.g. Redis is down): a {@link HubUnavailableException},
 * so callers of {@code mercure.publish} retry later as they would for an external hub that is down, and
 * HTTP publishers get 503.
 */
public class TransportException extends HubUnavailableException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
