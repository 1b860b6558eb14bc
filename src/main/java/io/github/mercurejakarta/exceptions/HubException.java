package io.github.mercurejakarta.exceptions;

import java.util.Optional;

/**
 * Publishing to an external hub failed. The subclasses say why, so that an application can react to
 * each cause (retry later, fix the token, fix the update):
 *
 * <pre>{@code
 * try {
 *     mercure.publish(update);
 * } catch (HubUnreachableException | HubTimeoutException | HubServerException e) {
 *     outbox.retryLater(update);                      // the hub is down or slow: transient
 * } catch (HubAuthorizationException e) {
 *     log.error("hub refused our token: " + e.error().orElse("no reason given"));
 * } catch (HubRejectedUpdateException e) {
 *     log.error("hub refused the update: " + e.hubMessage());
 * }
 * }</pre>
 *
 * A status the library does not classify (a redirect, 404 for a wrong hub URL, 405 for a hub that does
 * not accept publications) is thrown as a plain {@code HubException} carrying the status and the
 * hub's answer.
 */
public class HubException extends MercureException {
    private static final long serialVersionUID = 1L;

    private final String hubUrl;
    private final int status;
    private final String hubMessage;

    /**
     * @param status     the HTTP status of the hub's answer, or 0 when there was none
     * @param hubMessage the body of the hub's answer (trimmed, capped), or null
     */
    public HubException(String message, String hubUrl, int status, String hubMessage, Throwable cause) {
        super(message, cause);
        this.hubUrl = hubUrl;
        this.status = status;
        this.hubMessage = hubMessage;
    }

    /** @return the URL of the hub that failed, e.g. {@code https://hub.example.com/.well-known/mercure} */
    public String hubUrl() {
        return hubUrl;
    }

    /** @return the HTTP status the hub answered, or 0 when no answer came (unreachable, timeout) */
    public int status() {
        return status;
    }

    /** @return what the hub said in its answer's body, when it said anything */
    public Optional<String> hubMessage() {
        return Optional.ofNullable(hubMessage).filter(m -> !m.isEmpty());
    }
}
