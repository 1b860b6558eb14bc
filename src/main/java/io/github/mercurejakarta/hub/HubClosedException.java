package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.exceptions.HubUnavailableException;

/**
 * The embedded hub is closed (the application is stopping): it takes no subscriber or update any more.
 * Unavailable, not a bug: HTTP clients get 503 and reconnect to the hub once it is back, or to another node.
 */
public final class HubClosedException extends HubUnavailableException {
    private static final long serialVersionUID = 1L;

    public HubClosedException() {
        super("the hub is closed");
    }
}
