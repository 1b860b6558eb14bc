package io.github.mercurejakarta.auth;

/**
 * A token the hub must refuse, whatever the reason: the hub answers every cause with the same
 * {@code 401 invalid_token} so that the reason is not revealed (draft-08 §Authorization).
 *
 * <p>The message says why, for logs. It never contains the token, and values taken from the token
 * are shortened and stripped of control characters so that they cannot forge log lines.
 */
public class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }

    /** Quotes a value read from a token for a log message: at most 40 printable characters. */
    static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(s.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (s.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
