package io.github.mercurejakarta.exceptions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external hub refused the library's token: 401 (missing, invalid or expired token, or a token of the
 * other draft) or 403 (the token does not grant what was asked). When publishing it is the publisher
 * token (it does not grant publishing on the update's topics); when reading the hub's active
 * subscriptions ({@code Mercure.getSubscriptions}) it is the subscriber token minted for that. Not
 * transient: the token needs fixing ({@code mercure.publisher.jwt}, {@code mercure.publisher.secret.key},
 * {@code mercure.subscriber.secret.key}, {@code mercure.protocol.version}): an {@link UpdateRejectedException}.
 *
 * <pre>{@code
 * catch (HubAuthorizationException e) {
 *     // e.status() == 401, e.error() == Optional[invalid_token]
 *     log.error("hub refused the publisher token: " + e.getMessage());
 * }
 * }</pre>
 */
public class HubAuthorizationException extends UpdateRejectedException implements ExternalHubFailure {
    private static final long serialVersionUID = 1L;
    private static final Pattern ERROR = Pattern.compile("(?i)(?:^|[\\s,])error\\s*=\\s*\"?([^\",\\s]*)\"?");

    /** What the hub answered, {@link #answer()}. */
    private final Answer answer;
    /** The hub's {@code WWW-Authenticate} header, or null, {@link #challenge()}. */
    private final String challenge;

    /**
     * As the external-hub client throws it; also for a test double:
     * {@code recorder.failWith(new HubAuthorizationException("refused", "http://hub", 401, "Bearer error=\"invalid_token\"", null))}.
     *
     * @param message   what was refused, for the log
     * @param hubUrl    the hub's URL
     * @param status    401 or 403
     * @param challenge the hub's {@code WWW-Authenticate} header, or null
     * @param hubMessage the body of the hub's answer, or null
     */
    public HubAuthorizationException(String message, String hubUrl, int status, String challenge, String hubMessage) {
        super(message);
        this.answer = new Answer(hubUrl, status, hubMessage);
        this.challenge = challenge;
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** @return the hub's {@code WWW-Authenticate} header as sent, e.g. {@code Bearer error="invalid_token"} */
    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }

    /**
     * @return the RFC 6750 {@code error} of the challenge ({@code invalid_token},
     *         {@code insufficient_scope}, {@code invalid_request}), when the hub gave one
     */
    public Optional<String> error() {
        if (challenge == null) {
            return Optional.empty();
        }
        Matcher m = ERROR.matcher(challenge);
        return m.find() && !m.group(1).isEmpty() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
