package io.github.mercurejakarta.hub;

/** Why the hub ended a subscriber's stream. */
public enum DisconnectCause {
    /** A write failed: the client went away. */
    CLIENT_GONE,
    /** The subscriber fell more than its queue size behind; it reconnects with Last-Event-ID. */
    QUEUE_OVERFLOW,
    /**
     * A write did not complete within {@code mercure.hub.dispatch.timeout}: a client that stopped reading,
     * or a front end that lost the write. The client reconnects with Last-Event-ID and loses nothing.
     */
    WRITE_TIMEOUT,
    /** The token that authorised the stream expired. */
    TOKEN_EXPIRED,
    /**
     * The node missed updates of a cluster's shared order (its reader fell further behind than the
     * shared log keeps): the client reconnects with Last-Event-ID and gets what the history still holds.
     */
    UPDATES_MISSED,
    /** The hub is stopping. */
    SHUTDOWN,
    /** The front end closed it (e.g. the request was cancelled). */
    CLOSED,
    /**
     * The stream reached {@code mercure.hub.connection.lifetime} (± jitter) and was ended cleanly; the
     * client reconnects with Last-Event-ID and loses nothing.
     */
    LIFETIME;

    /** @return the label value in metrics, e.g. {@code client_gone} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
