package io.github.mercurejakarta.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed RFC 6570 (level 4) URI template: literals and expressions, nothing evaluated.
 *
 * <p>Parsing is strict to the RFC grammar, because a draft-07 selector that is not a valid template
 * is not an error: it simply selects itself. So {@link #parse} answers {@code null} rather than
 * throwing.
 *
 * <pre>{@code
 * UriTemplate t = UriTemplate.parse("https://example.com/books/{id}{?page}");
 * // parts: Literal("https://example.com/books/"), Expression(SIMPLE,[id]), Expression(QUERY,[page])
 * UriTemplate.parse("https://example.com/{id");   // null: unbalanced brace
 * }</pre>
 */
record UriTemplate(List<Part> parts) {

    /** RFC 6570 §2.4.1: max-length is 1 to 4 digits, not starting with 0. */
    static final int MAX_PREFIX_LENGTH = 9999;

    UriTemplate {
        parts = List.copyOf(parts);
    }

    /** A piece of the template: a literal run or a {@code {...}} expression. */
    sealed interface Part permits Literal, Expression {
    }

    /** Characters copied verbatim into every expansion (pct-encoded triplets included as written). */
    record Literal(String text) implements Part {
    }

    /** One {@code {op var,var...}} expression. */
    record Expression(Operator operator, List<VarSpec> variables) implements Part {
        Expression {
            variables = List.copyOf(variables);
        }
    }

    /**
     * A variable reference. {@code prefixLength} is 0 when there is no {@code :n} modifier; the grammar
     * makes prefix and explode mutually exclusive.
     */
    record VarSpec(String name, int prefixLength, boolean explode) {
        boolean hasPrefix() {
            return prefixLength > 0;
        }
    }

    /** The expression operators with their expansion properties (RFC 6570 appendix A table). */
    enum Operator {
        SIMPLE("", ",", false, "", false),
        RESERVED("", ",", false, "", true),
        FRAGMENT("#", ",", false, "", true),
        LABEL(".", ".", false, "", false),
        PATH_SEGMENT("/", "/", false, "", false),
        PATH_PARAMETER(";", ";", true, "", false),
        QUERY("?", "&", true, "=", false),
        QUERY_CONTINUATION("&", "&", true, "=", false);

        final String first;
        final String separator;
        final boolean named;
        /** What follows the name of a named variable whose value is empty. */
        final String ifEmpty;
        /** Whether reserved characters (and pct-encoded triplets in the value) pass through unencoded. */
        final boolean allowsReserved;

        Operator(String first, String separator, boolean named, String ifEmpty, boolean allowsReserved) {
            this.first = first;
            this.separator = separator;
            this.named = named;
            this.ifEmpty = ifEmpty;
            this.allowsReserved = allowsReserved;
        }

        static Operator of(char c) {
            return switch (c) {
                case '+' -> RESERVED;
                case '#' -> FRAGMENT;
                case '.' -> LABEL;
                case '/' -> PATH_SEGMENT;
                case ';' -> PATH_PARAMETER;
                case '?' -> QUERY;
                case '&' -> QUERY_CONTINUATION;
                default -> null;
            };
        }
    }

    /**
     * @return the parsed template, or {@code null} when {@code template} is not a valid RFC 6570
     *     template (unbalanced braces, bad variable name, reserved operator, forbidden literal
     *     character, malformed pct-encoding, unpaired surrogate...)
     */
    static UriTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int length = template.length();
        while (i < length) {
            int cp = template.codePointAt(i);
            if (cp == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    return null;
                }
                Expression expression = parseExpression(template.substring(i + 1, close));
                if (expression == null) {
                    return null;
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(expression);
                i = close + 1;
            } else if (cp == '%') {
                if (!isPctEncoded(template, i)) {
                    return null;
                }
                literal.append(template, i, i + 3);
                i += 3;
            } else if (isLiteralChar(cp)) {
                literal.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                return null;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new UriTemplate(parts);
    }

    private static Expression parseExpression(String body) {
        if (body.isEmpty()) {
            return null;
        }
        char c = body.charAt(0);
        Operator operator = Operator.of(c);
        if (operator != null) {
            body = body.substring(1);
        } else if ("=,!@|".indexOf(c) >= 0) {
            // op-reserved: RFC 6570 §2.2 keeps these for future extensions, so they are errors now
            return null;
        } else {
            operator = Operator.SIMPLE;
        }
        List<VarSpec> variables = new ArrayList<>();
        // split with limit -1 so that "a," yields an empty trailing spec (an error)
        for (String spec : body.split(",", -1)) {
            VarSpec varSpec = parseVarSpec(spec);
            if (varSpec == null) {
                return null;
            }
            variables.add(varSpec);
        }
        return new Expression(operator, variables);
    }

    private static VarSpec parseVarSpec(String spec) {
        if (spec.endsWith("*")) {
            String name = spec.substring(0, spec.length() - 1);
            return isVarName(name) ? new VarSpec(name, 0, true) : null;
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return isVarName(spec) ? new VarSpec(spec, 0, false) : null;
        }
        String name = spec.substring(0, colon);
        String digits = spec.substring(colon + 1);
        if (!isVarName(name) || digits.isEmpty() || digits.length() > 4 || digits.charAt(0) == '0') {
            return null;
        }
        for (int j = 0; j < digits.length(); j++) {
            if (!isDigit(digits.charAt(j))) {
                return null;
            }
        }
        return new VarSpec(name, Integer.parseInt(digits), false);
    }

    /** varname = varchar *( ["."] varchar ); varchar = ALPHA / DIGIT / "_" / pct-encoded. */
    private static boolean isVarName(String name) {
        if (name.isEmpty() || name.charAt(0) == '.' || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (int j = 0; j < name.length(); j++) {
            char c = name.charAt(j);
            if (c == '%') {
                if (!isPctEncoded(name, j)) {
                    return false;
                }
                j += 2;
            } else if (!(isAlpha(c) || isDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    static boolean isPctEncoded(String s, int at) {
        return at + 2 < s.length() && s.charAt(at) == '%' && isHexDigit(s.charAt(at + 1)) && isHexDigit(s.charAt(at + 2));
    }

    /**
     * RFC 6570 §2.1 literals, minus pct-encoded (handled by the caller): any ASCII except CTL, SP,
     * {@code " ' % < > \ ^ ` { | }}, plus ucschar and iprivate.
     */
    private static boolean isLiteralChar(int cp) {
        if (cp < 0x80) {
            return cp > 0x20 && cp < 0x7F && "\"'%<>\\^`{|}".indexOf(cp) < 0;
        }
        return (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFDCF) // iprivate E000-F8FF, then ucschar F900-FDCF
                || (cp >= 0xFDF0 && cp <= 0xFFEF)
                || (cp >= 0x10000 && cp <= 0xEFFFD && (cp & 0xFFFE) != 0xFFFE && !(cp >= 0xE0000 && cp < 0xE1000))
                || (cp >= 0xF0000 && cp <= 0x10FFFD && (cp & 0xFFFE) != 0xFFFE);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
