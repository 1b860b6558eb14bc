package io.github.mercurejakarta.exceptions;

/**
 * No connection to the external hub could be made (connection refused, unknown host, TLS failure,
 * connection reset before an answer). Transient as a rule: retrying later may succeed.
 *
 * <pre>{@code
 * catch (HubUnreachableException e) { outbox.retryLater(update); }
 * }</pre>
 */
public class HubUnreachableException extends HubException {
    private static final long serialVersionUID = 1L;

    public HubUnreachableException(String message, String hubUrl, Throwable cause) {
        super(message, hubUrl, 0, null, cause);
    }
}
