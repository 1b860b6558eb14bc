package io.github.mercurejakarta.exceptions;

/**
 * The external hub answered with a server error (5xx): it is up but failing (its transport is down,
 * it is overloaded, a proxy in front of it has no backend). A {@link HubUnavailableException}:
 * transient as a rule.
 *
 * <pre>{@code
 * catch (HubServerException e) { log.warn(e.status() + ": " + e.hubMessage().orElse("")); outbox.retryLater(update); }
 * }</pre>
 */
public class HubServerException extends HubUnavailableException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubServerException("failed", "http://hub", 503, "Redis is down"))}.
     *
     * @param message    what was refused or failed, for the log
     * @param hubUrl     the hub's URL
     * @param status     the 5xx status
     * @param hubMessage the body of the hub's answer, or null
     */
    public HubServerException(String message, String hubUrl, int status, String hubMessage) {
        super(message);
        this.answer = new Answer(hubUrl, status, hubMessage);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
