package io.github.mercurejakarta.hub;

/** A request went over one of the hub's {@link Limit}s; the front end answers with {@link Limit#status()}. */
public final class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Limit limit;

    public LimitExceededException(Limit limit, String message) {
        super(message, null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
