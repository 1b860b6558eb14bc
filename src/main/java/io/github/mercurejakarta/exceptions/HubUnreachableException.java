package io.github.mercurejakarta.exceptions;

/**
 * No connection to the external hub could be made (connection refused, unknown host, TLS failure,
 * connection reset before an answer). A {@link HubUnavailableException}: retrying later may succeed.
 *
 * <pre>{@code
 * catch (HubUnreachableException e) { outbox.retryLater(update); }
 * }</pre>
 */
public class HubUnreachableException extends HubUnavailableException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubUnreachableException("down", "http://hub", null))}.
     *
     * @param message what could not be reached, for the log
     * @param hubUrl  the hub's URL
     * @param cause the connection failure, or null
     */
    public HubUnreachableException(String message, String hubUrl, Throwable cause) {
        super(message, cause);
        this.answer = new Answer(hubUrl, 0, null);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
