package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.hub.transport.History;

import java.util.List;

/**
 * A registered subscriber whose stream has not started yet: the front end reads
 * {@link #resolvedCursor()} to write the {@code Last-Event-ID} / {@code Mercure-Last-Event-ID}
 * response header, then calls {@link #start()}.
 */
public final class Subscription {

    private final Hub hub;
    private final Subscriber subscriber;
    private final History history;
    private final String resolvedCursor;

    Subscription(Hub hub, Subscriber subscriber, History history, String resolvedCursor) {
        this.hub = hub;
        this.subscriber = subscriber;
        this.history = history;
        this.resolvedCursor = resolvedCursor;
    }

    /**
     * @return the id replay resumes after, {@code earliest} when the cursor was {@code earliest}, unknown
     * or no longer kept; null when the request carried no cursor (then no header is sent)
     */
    public String resolvedCursor() {
        return resolvedCursor;
    }

    /** @return the subscriber's IRI. */
    public String subscriberId() {
        return subscriber.id();
    }

    public Subscriber subscriber() {
        return subscriber;
    }

    /** Writes the opening comment (so the headers leave at once), the replay, then live updates. */
    public void start() {
        start(true);
    }

    /**
     * Starts the replay, then live updates.
     *
     * @param writeOpeningComment false when the front end already wrote the opening comment itself
     *                            (the JAX-RS front end does, on the request thread: see HubResource)
     */
    public void start(boolean writeOpeningComment) {
        hub.start(subscriber, writeOpeningComment, history == null ? List.of() : history.updates(),
                history == null ? -1 : history.lastPosition());
    }

    /** @return the comment that opens every stream (a front end writing it itself sends these bytes) */
    public static byte[] openingComment() {
        return Hub.OPENING_COMMENT.clone();
    }

    /** Ends the stream. */
    public void close() {
        subscriber.close(DisconnectCause.CLOSED);
    }
}
