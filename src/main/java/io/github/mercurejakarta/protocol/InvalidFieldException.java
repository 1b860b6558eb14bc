package io.github.mercurejakarta.protocol;

/**
 * A Mercure field value (topic, selector, id, type, retry) that the protocol does not allow. The
 * message names the field and the rule, never echoes the value, so it can go into a 400 body as is.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** @return the field's name as used in messages, e.g. {@code "topic"} */
    public String field() {
        return field;
    }
}
