package io.github.mercurejakarta.exceptions;

import java.time.Duration;

/**
 * The external hub did not answer in time: within {@code mercure.hub.timeout} when publishing, within
 * 10 seconds when reading its active subscriptions. A {@link HubUnavailableException}:
 * retry later, but the update may or may not have been dispatched: a retry can deliver it twice unless
 * it carries its own id.
 *
 * <pre>{@code
 * catch (HubTimeoutException e) { log.warn("no answer from the hub in " + e.timeout()); }
 * }</pre>
 */
public class HubTimeoutException extends HubUnavailableException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;
    /** The time the hub was given, {@link #timeout()}. */
    private final Duration timeout;

    /**
     * As the external publisher throws it; also for a test double:
     * {@code recorder.failWith(new HubTimeoutException("slow", "http://hub", Duration.ofSeconds(5), null))}.
     *
     * @param message what timed out, for the log
     * @param hubUrl  the hub's URL
     * @param timeout the time the hub was given
     * @param cause   the client's timeout exception, or null
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

    /**
     * How long the hub was given: {@code log.warn("no answer in " + e.timeout().toMillis() + " ms")}.
     *
     * @return the time the hub was given to answer
     */
    public Duration timeout() {
        return timeout;
    }
}
