package io.github.mercurejakarta.exceptions;

/**
 * The external hub refused the update itself: 400 (a rule of the protocol: reserved topic, bad id,
 * {@code type=mercure}, ...) or 413 (too large). An {@link UpdateRejectedException}, the external
 * counterpart of {@link InvalidUpdateException}: retrying the same update fails again; the hub's
 * message says what to change.
 *
 * <pre>{@code
 * catch (HubRejectedUpdateException e) {
 *     log.error("hub refused " + update + ": " + e.hubMessage().orElse("no reason given"));
 * }
 * }</pre>
 */
public class HubRejectedUpdateException extends UpdateRejectedException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubRejectedUpdateException("refused", "http://hub", 400, "reserved topic"))}.
     *
     * @param message    what was refused or failed, for the log
     * @param hubUrl     the hub's URL
     * @param status     400 or 413
     * @param hubMessage the body of the hub's answer, or null
     */
    public HubRejectedUpdateException(String message, String hubUrl, int status, String hubMessage) {
        super(message);
        this.answer = new Answer(hubUrl, status, hubMessage);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
