package io.github.mercurejakarta.exceptions;

/**
 * The external hub answered with a server error (5xx): it is up but failing (its transport is down,
 * it is overloaded, a proxy in front of it has no backend). Transient as a rule.
 *
 * <pre>{@code
 * catch (HubServerException e) { outbox.retryLater(update); }
 * }</pre>
 */
public class HubServerException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubServerException(String message, String hubUrl, int status, String hubMessage) {
        super(message, hubUrl, status, hubMessage, null);
    }
}
