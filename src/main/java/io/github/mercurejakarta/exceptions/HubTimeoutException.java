package io.github.mercurejakarta.exceptions;

import java.time.Duration;

/**
 * The external hub did not answer within {@code mercure.hub.timeout}. A {@link HubUnavailableException}:
 * retry later, but the update may or may not have been dispatched: a retry can deliver it twice unless
 * it carries its own id.
 *
 * <pre>{@code
 * catch (HubTimeoutException e) { log.warn("no answer from the hub in " + e.timeout()); }
 * }</pre>
 */
public class HubTimeoutException extends HubUnavailableException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    private final Answer answer;
    private final Duration timeout;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubTimeoutException("slow", "http://hub", Duration.ofSeconds(5), null))}.
     *
     * @param timeout the time the hub was given
     */
    public HubTimeoutException(String message, String hubUrl, Duration timeout, Throwable cause) {
        super(message, cause);
        this.answer = new Answer(hubUrl, 0, null);
        this.timeout = timeout;
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** @return the time the hub was given to answer */
    public Duration timeout() {
        return timeout;
    }
}
