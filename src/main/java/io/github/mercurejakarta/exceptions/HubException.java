package io.github.mercurejakarta.exceptions;

/**
 * The external hub answered, but not as a hub that takes publications: 404 (the hub URL is wrong, or, when
 * reading its active subscriptions, the hub has them off), 405 (the hub does not accept publications), a
 * redirect, or a status the library does not classify; also an exchange that failed in a way the library
 * does not classify (status 0).
 * A {@link ConfigurationException} of {@code mercure.hub.url}: fix the URL or the hub's settings;
 * it carries the status and what the hub said.
 *
 * <pre>{@code
 * catch (HubException e) {
 *     log.error("is mercure.hub.url a hub? " + e.status() + " " + e.hubMessage().orElse(""));
 * }
 * }</pre>
 *
 * The other failures of an external hub are in the family that says what to do about them:
 * {@link HubUnreachableException}, {@link HubTimeoutException} and {@link HubServerException} are
 * {@link HubUnavailableException}s (retry later); {@link HubRejectedUpdateException} and
 * {@link HubAuthorizationException} are {@link UpdateRejectedException}s (fix the update or token).
 * All of them are {@link ExternalHubFailure}s.
 */
public class HubException extends ConfigurationException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubException("not a hub", "http://hub", 404, "Not Found", null))}.
     *
     * @param message    what failed, for the log
     * @param hubUrl     the hub's URL
     * @param status     the HTTP status of the hub's answer, or 0 when there was none
     * @param hubMessage the body of the hub's answer (trimmed, capped), or null
     * @param cause      the failure underneath, or null
     */
    public HubException(String message, String hubUrl, int status, String hubMessage, Throwable cause) {
        super("mercure.hub.url", message, cause);
        this.answer = new Answer(hubUrl, status, hubMessage);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
