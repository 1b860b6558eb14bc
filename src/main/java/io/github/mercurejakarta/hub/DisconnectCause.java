package io.github.mercurejakarta.hub;

/** Why the hub ended a subscriber's stream. */
public enum DisconnectCause {
    /** A write failed: the client went away. */
    CLIENT_GONE,
    /** The subscriber fell more than its queue size behind; it reconnects with Last-Event-ID. */
    QUEUE_OVERFLOW,
    /** The token that authorised the stream expired. */
    TOKEN_EXPIRED,
    /** The hub is stopping. */
    SHUTDOWN,
    /** The front end closed it (e.g. the request was cancelled). */
    CLOSED
}
