package io.github.mercurejakarta.exceptions;

/**
 * A hub refused a {@link io.github.mercurejakarta.MercureSubscriber}'s subscription for good: 401 or 403
 * (the token is missing, invalid, expired, of the other draft, or grants none of the selectors), 400 (a
 * selector the hub cannot parse), 404 (the URL names no hub), or a {@code 200} that is not an event
 * stream. Not transient: the subscriber stops and hands this to its consumer's {@code onError}; a hub
 * that is down, overloaded (429, 5xx) or drops the stream is retried instead, never reported.
 *
 * <pre>{@code
 * public void onError(Throwable t) {
 *     if (t instanceof SubscriptionRefusedException e) {
 *         log.error(e.hubUrl() + " refused the subscription: " + e.status() + " " + e.hubMessage().orElse(""));
 *     }
 * }
 * }</pre>
 */
public class SubscriptionRefusedException extends MercureException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    private final Answer answer;

    /**
     * As the subscriber reports it: {@code new SubscriptionRefusedException("refused", "http://hub", 401, "invalid token")}.
     *
     * @param message    what was refused, for the log
     * @param hubUrl     the hub's URL
     * @param status     the HTTP status the hub answered
     * @param hubMessage the body of its answer, or null
     */
    public SubscriptionRefusedException(String message, String hubUrl, int status, String hubMessage) {
        super(message);
        this.answer = new Answer(hubUrl, status, hubMessage);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
