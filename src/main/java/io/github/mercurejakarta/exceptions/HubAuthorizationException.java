package io.github.mercurejakarta.exceptions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external hub refused the publisher token: 401 (missing, invalid or expired token, or a token of the
 * other draft) or 403 (the token does not grant publishing on the update's topics). Not transient: the
 * token needs fixing ({@code mercure.publisher.jwt}, {@code mercure.publisher.secret.key},
 * {@code mercure.protocol.version}): an {@link UpdateRejectedException}.
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

    private final Answer answer;
    private final String challenge;

    /**
     * @param status    401 or 403
     * @param challenge the hub's {@code WWW-Authenticate} header, or null
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
