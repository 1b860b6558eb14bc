package io.github.mercurejakarta.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.mercurejakarta.match.UriTemplate.Expression;
import io.github.mercurejakarta.match.UriTemplate.Literal;
import io.github.mercurejakarta.match.UriTemplate.Operator;
import io.github.mercurejakarta.match.UriTemplate.Part;
import io.github.mercurejakarta.match.UriTemplate.VarSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A draft-07 topic selector: matches a topic equal to the selector, or, when the selector is a valid
 * RFC 6570 URI template, any topic that is a possible expansion of it.
 *
 * <p>The template is compiled once to an anchored RE2/J expression (linear-time matching, no
 * backtracking on user input). The expression describes exactly the strings some assignment of
 * string, list or associative-array values can expand to (RFC 6570 §3.2): simple expansion yields
 * unreserved characters and pct-encoded triplets ({@code ,} joins list items), {@code +} and
 * {@code #} add the reserved set, named operators ({@code ; ? &}) require {@code name=} for
 * non-exploded variables, exploded variables may repeat with the operator's separator and carry
 * {@code key=value} pairs, undefined variables vanish together with their separator, and {@code :n}
 * bounds a value to n characters (a pct-encoded UTF-8 sequence counting as one).
 *
 * <pre>{@code
 * TopicMatcher m = TopicMatchers.draft07("https://example.com/books/{id}");
 * m.matches("https://example.com/books/1");         // true
 * m.matches("https://example.com/books/1/reviews"); // false: "/" is not unreserved
 * }</pre>
 *
 * <p>Compared with {@code yosida95/uritemplate}'s {@code Template.Regexp()} (what the reference hub
 * matches with) this is stricter in two places that matter for authorization: a named expression
 * such as {@code {?id}} only matches {@code ?id=...} (not any {@code ?k=v}), and {@code {id:3}}
 * honours its length bound. Typical selectors match identically.
 *
 * <p>Templates whose compiled form would be unreasonably large (a {@code :n} prefix above
 * {@value #MAX_REPEAT}, more than {@value #MAX_VARIABLES} variables) are rejected with
 * {@link InvalidSelectorException} rather than approximated.
 */
final class UriTemplateMatcher implements TopicMatcher {

    /** Longest selector accepted at all; longer ones are rejected (the hub answers 400). */
    static final int MAX_SELECTOR_LENGTH = 4096;

    /**
     * Bound on the compiled RE2 program, so that a short but pathological template (many variables
     * in one expression, large prefixes) cannot make the hub allocate or scan without limit.
     * A realistic selector compiles to a few hundred instructions.
     */
    static final int MAX_PROGRAM_SIZE = 50_000;

    /**
     * Most variables a template may use. RE2's NFA keeps up to one thread per place in the template
     * where the topic could be, and every variable may expand to nothing, so the cost of matching a
     * topic grows with (variables x topic length): this keeps it a small constant.
     */
    static final int MAX_VARIABLES = 64;

    /** Bound on the generated expression text, checked before handing it to RE2/J. */
    private static final int MAX_REGEX_LENGTH = 64 * 1024;

    /**
     * Largest counted repetition RE2 accepts, hence the largest {@code :n} prefix (and number of
     * variables sharing one expression shape) we compile; RFC 6570 allows up to 9999, which we
     * reject as too complex rather than approximate.
     */
    static final int MAX_REPEAT = 1000;

    private static final String UNRESERVED = "A-Za-z0-9\\-._~";
    private static final String RESERVED = ":/?#\\[\\]@!$&'()*+,;=";
    private static final String PCT_ENCODED = "%[0-9A-Fa-f]{2}";
    /** One character of a prefix-bounded value: a raw char, or one pct-encoded UTF-8 sequence. */
    private static final String PCT_ENCODED_CHAR = "%[0-9A-Fa-f]{2}(?:%[89ABab][0-9A-Fa-f]){0,3}";

    private final String selector;
    /** {@code null} when the selector is not a template (or has no expression): equality only. */
    private final Pattern pattern;

    private UriTemplateMatcher(String selector, Pattern pattern) {
        this.selector = selector;
        this.pattern = pattern;
    }

    /**
     * @throws InvalidSelectorException when the selector is longer than {@value #MAX_SELECTOR_LENGTH}
     *     characters or is a template too complex to match within the hub's bounds
     */
    static TopicMatcher of(String selector) {
        if (selector.length() > MAX_SELECTOR_LENGTH) {
            throw new InvalidSelectorException("selector longer than " + MAX_SELECTOR_LENGTH + " characters");
        }
        if (selector.indexOf('{') < 0) {
            // no expression: as a template it could only match itself, so skip RE2 altogether
            return new UriTemplateMatcher(selector, null);
        }
        UriTemplate template = UriTemplate.parse(selector);
        if (template == null) {
            // draft-07: a string that is not a valid template is matched as a plain topic
            return new UriTemplateMatcher(selector, null);
        }
        return new UriTemplateMatcher(selector, compile(template));
    }

    @Override
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        return selector.equals(topic) || (pattern != null && pattern.matches(topic));
    }

    @Override
    public String selector() {
        return selector;
    }

    @Override
    public MatchType type() {
        return MatchType.URI_TEMPLATE;
    }

    @Override
    public String toString() {
        return "UriTemplateMatcher[" + selector + "]";
    }

    /** The anchored expression the template compiles to (for tests and diagnostics). */
    String regex() {
        return pattern == null ? null : pattern.pattern();
    }

    static Pattern compile(UriTemplate template) {
        long variables = template.parts().stream()
                .filter(Expression.class::isInstance)
                .mapToLong(part -> ((Expression) part).variables().size())
                .sum();
        if (variables > MAX_VARIABLES) {
            throw tooComplex();
        }
        StringBuilder regex = new StringBuilder();
        for (Part part : template.parts()) {
            if (part instanceof Literal literal) {
                appendQuoted(regex, literal.text());
            } else {
                appendExpression(regex, (Expression) part);
            }
            if (regex.length() > MAX_REGEX_LENGTH) {
                throw tooComplex();
            }
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            // cannot happen for a template that parsed; report rather than silently match nothing
            throw new InvalidSelectorException("URI template could not be compiled", e);
        }
        if (compiled.programSize() > MAX_PROGRAM_SIZE) {
            throw tooComplex();
        }
        return compiled;
    }

    private static InvalidSelectorException tooComplex() {
        return new InvalidSelectorException("URI template too complex to match");
    }

    /**
     * An expression expands to nothing when all its variables are undefined; otherwise to the
     * operator's first string followed by the defined variables, in order, joined by its separator.
     * Written as one alternative per "first defined variable", each followed by the optional rest.
     */
    private static void appendExpression(StringBuilder regex, Expression expression) {
        Operator operator = expression.operator();
        List<String> values = new ArrayList<>();
        for (VarSpec variable : expression.variables()) {
            values.add(variableRegex(operator, variable));
        }
        String separator = quote(operator.separator);
        regex.append("(?:").append(quote(operator.first)).append("(?:");
        if (values.stream().distinct().count() == 1) {
            // all variables expand to the same language (e.g. {x,y}): any 1..k of them
            String value = values.get(0);
            regex.append(value);
            appendRepeat(regex, "(?:" + separator + value + ")", 0, values.size() - 1);
        } else {
            for (int first = 0; first < values.size(); first++) {
                if (first > 0) {
                    regex.append('|');
                }
                regex.append(values.get(first));
                for (int next = first + 1; next < values.size(); next++) {
                    regex.append("(?:").append(separator).append(values.get(next)).append(")?");
                }
                if (regex.length() > MAX_REGEX_LENGTH) {
                    throw tooComplex();
                }
            }
        }
        regex.append("))?");
    }

    /** What one defined variable can expand to under {@code operator} (RFC 6570 §3.2.1, appendix A). */
    private static String variableRegex(Operator operator, VarSpec variable) {
        String unit = "(?:[" + charClass(operator) + "]|" + PCT_ENCODED + ")";
        // an encoded string: a string value, a list item, a key or a value of an associative array
        String string = unit + "*";
        String nonEmptyString = unit + "+";
        // a non-exploded list or associative array: encoded strings joined by ","
        String joinedUnit = operator.allowsReserved ? unit : "(?:[" + charClass(operator) + ",]|" + PCT_ENCODED + ")";
        String joined = joinedUnit + "*";
        String nonEmptyJoined = joinedUnit + "+";
        String separator = quote(operator.separator);
        String name = quote(variable.name());

        if (variable.hasPrefix()) {
            // prefixes apply to string values only; the bound counts characters before encoding
            String charUnit = "(?:[" + charClass(operator) + "]|" + PCT_ENCODED_CHAR + ")";
            StringBuilder bounded = new StringBuilder();
            if (!operator.named) {
                appendRepeat(bounded, charUnit, 0, variable.prefixLength());
                return bounded.toString();
            }
            bounded.append(name);
            if (operator.ifEmpty.isEmpty()) {
                // ";name" for an empty value, ";name=v" otherwise
                bounded.append("(?:=");
                appendRepeat(bounded, charUnit, 1, variable.prefixLength());
                bounded.append(")?");
            } else {
                bounded.append('=');
                appendRepeat(bounded, charUnit, 0, variable.prefixLength());
            }
            return bounded.toString();
        }

        if (variable.explode()) {
            // each list item, or each key=value pair of an associative array, separately
            String item;
            if (!operator.named) {
                item = "(?:" + string + "(?:=" + string + ")?)";
            } else if (operator.ifEmpty.isEmpty()) {
                item = "(?:" + string + "(?:=" + nonEmptyString + ")?)";
            } else {
                item = "(?:" + string + "=" + string + ")";
            }
            return item + "(?:" + separator + item + ")*";
        }

        if (!operator.named) {
            return joined;
        }
        return operator.ifEmpty.isEmpty()
                ? name + "(?:=" + nonEmptyJoined + ")?"
                : name + "=" + joined;
    }

    private static String charClass(Operator operator) {
        return operator.allowsReserved ? UNRESERVED + RESERVED : UNRESERVED;
    }

    /** Appends {@code unit{min,max}} with {@code max <= MAX_REPEAT}. */
    private static void appendRepeat(StringBuilder regex, String unit, int min, int max) {
        if (max > MAX_REPEAT) {
            // concatenating several bounded runs would be ambiguous (quadratic thread count in RE2's
            // NFA), and nesting them costs a program per run: no honest selector needs either
            throw tooComplex();
        }
        for (int i = 0; i < min; i++) {
            regex.append(unit);
        }
        if (max > min) {
            regex.append("(?:").append(unit).append("){0,").append(max - min).append('}');
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        appendQuoted(quoted, text);
        return quoted.toString();
    }

    /** Escapes every ASCII non-alphanumeric (always legal in RE2 syntax); other characters stand for themselves. */
    private static void appendQuoted(StringBuilder regex, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                regex.append('\\');
            }
            regex.append(c);
        }
    }

    /** @return the selector itself when it is not a template (it then selects only itself) */
    @Override
    public String exactTopic() {
        return pattern == null ? selector : null;
    }
}
