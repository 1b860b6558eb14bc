package io.github.mercurejakarta.protocol;

/**
 * Validation of the values publishers and subscribers send in Mercure fields. Each check returns
 * normally for a valid value and throws {@link InvalidFieldException} (message fit for a 400 body)
 * otherwise.
 *
 * <p>All text fields share one character rule: no C0 controls (U+0000–U+001F), DEL (U+007F), C1
 * controls (U+0080–U+009F), Unicode format characters (general category Cf: U+200B zero-width
 * space, U+200E/U+200F direction marks, U+FEFF, tag characters...) and no unpaired surrogates.
 * Controls would break the SSE framing or logs; invisible characters would let two topics that
 * look identical differ; unpaired surrogates cannot be encoded as UTF-8. Other characters,
 * including line/paragraph separators (U+2028, category Zl/Zp) and emoji, are allowed.
 *
 * <pre>{@code
 * FieldRules.checkTopic("https://example.com/books/1");   // fine
 * FieldRules.checkTopic("*");                            // InvalidFieldException: "topic: must not be \"*\""
 * long retry = FieldRules.parseRetry("5000");            // 5000
 * }</pre>
 */
public final class FieldRules {

    /** The SSE event type draft-08 reserves for the hub's own events; refused in both dialects. */
    public static final String RESERVED_EVENT_TYPE = "mercure";

    private FieldRules() {
    }

    /**
     * A topic of a published update: non-empty, not the wildcard {@code *}, allowed characters only.
     */
    public static void checkTopic(String topic) {
        requireNonEmpty("topic", topic);
        if ("*".equals(topic)) {
            throw new InvalidFieldException("topic", "must not be \"*\"");
        }
        checkCharacters("topic", topic);
    }

    /**
     * A topic selector or matcher value (draft-07 {@code topic=}, draft-08 {@code match=}, token
     * claims): non-empty, at most {@code maxLength} UTF-16 code units, allowed characters only.
     * {@code *} is allowed (it is the wildcard).
     */
    public static void checkSelector(String selector, int maxLength) {
        requireNonEmpty("topic selector", selector);
        if (selector.length() > maxLength) {
            throw new InvalidFieldException("topic selector", "longer than " + maxLength + " characters");
        }
        checkCharacters("topic selector", selector);
    }

    /**
     * An update id chosen by the publisher: non-empty (an empty SSE id would reset the client's
     * last event id), not starting with {@code #} (the Mercure drafts forbid it), not
     * {@code earliest} (the cursor meaning "whole history"), allowed characters only.
     */
    public static void checkId(String id) {
        requireNonEmpty("id", id);
        if (id.charAt(0) == '#') {
            throw new InvalidFieldException("id", "must not start with \"#\"");
        }
        if (Dialect.EARLIEST.equals(id)) {
            throw new InvalidFieldException("id", "must not be \"" + Dialect.EARLIEST + "\"");
        }
        checkCharacters("id", id);
    }

    /**
     * An update's SSE event type: non-empty, not {@value #RESERVED_EVENT_TYPE}, allowed characters
     * only (which excludes CR and LF, so it cannot break the event stream). Whether an empty form
     * value means "no type" is the caller's decision, made before calling this.
     */
    public static void checkType(String type) {
        requireNonEmpty("type", type);
        if (RESERVED_EVENT_TYPE.equals(type)) {
            throw new InvalidFieldException("type", "\"" + RESERVED_EVENT_TYPE + "\" is reserved");
        }
        checkCharacters("type", type);
    }

    /**
     * An SSE reconnection delay in milliseconds: one or more ASCII digits (no sign, no spaces, no
     * other scripts' digits), at most {@link Long#MAX_VALUE}.
     *
     * @return the value
     */
    public static long parseRetry(String retry) {
        requireNonEmpty("retry", retry);
        for (int i = 0; i < retry.length(); i++) {
            char c = retry.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidFieldException("retry", "must contain ASCII digits only");
            }
        }
        try {
            return Long.parseLong(retry);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("retry", "too large");
        }
    }

    private static void requireNonEmpty(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
    }

    /** The character rule shared by every text field (see the class comment for why). */
    private static void checkCharacters(String field, String value) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            int cp;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                cp = Character.toCodePoint(c, value.charAt(i + 1));
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException(field, "unpaired surrogate at index " + i);
            } else {
                cp = c;
            }
            if (cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F)) {
                throw new InvalidFieldException(field, "control character " + codePoint(cp) + " at index " + i);
            }
            if (Character.getType(cp) == Character.FORMAT) {
                throw new InvalidFieldException(field, "invisible format character " + codePoint(cp) + " at index " + i);
            }
            i += Character.charCount(cp);
        }
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
