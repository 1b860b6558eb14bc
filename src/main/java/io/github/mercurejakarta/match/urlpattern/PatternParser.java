package io.github.mercurejakarta.match.urlpattern;

import io.github.mercurejakarta.match.urlpattern.PatternTokenizer.Token;
import io.github.mercurejakarta.match.urlpattern.PatternTokenizer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Parses one component's pattern string into parts, and turns parts back into a regular expression
 * and a normalised pattern string (https://urlpattern.spec.whatwg.org/#parsing-patterns).
 */
final class PatternParser {

    enum PartType { FIXED_TEXT, REGEXP, SEGMENT_WILDCARD, FULL_WILDCARD }

    enum Modifier {
        NONE(""), OPTIONAL("?"), ZERO_OR_MORE("*"), ONE_OR_MORE("+");

        final String text;

        Modifier(String text) {
            this.text = text;
        }
    }

    record Part(PartType type, String value, Modifier modifier, String name, String prefix, String suffix) {
    }

    /** @param delimiter the code point a segment wildcard stops at ("" for none) */
    record Options(String delimiter, String prefix) {
        static final Options DEFAULT = new Options("", "");
        static final Options HOSTNAME = new Options(".", "");
        static final Options PATHNAME = new Options("/", "/");

        /** The JavaScript source of a segment wildcard, as the spec compares it with user regexps. */
        String segmentWildcardRegexp() {
            return "[^" + escapeRegexpString(delimiter) + "]+?";
        }
    }

    static final String FULL_WILDCARD_REGEXP = ".*";

    private final List<Token> tokens;
    private final UnaryOperator<String> encoding;
    private final Options options;
    private final String segmentWildcardRegexp;
    private final List<Part> parts = new ArrayList<>();
    private final StringBuilder pendingFixedValue = new StringBuilder();
    private int index;
    private int nextNumericName;

    private PatternParser(String input, Options options, UnaryOperator<String> encoding) {
        this.tokens = PatternTokenizer.tokenize(input, true);
        this.encoding = encoding;
        this.options = options;
        this.segmentWildcardRegexp = options.segmentWildcardRegexp();
    }

    static List<Part> parse(String input, Options options, UnaryOperator<String> encoding) {
        PatternParser p = new PatternParser(input, options, encoding);
        p.run();
        return p.parts;
    }

    private void run() {
        while (index < tokens.size()) {
            Token charToken = tryConsume(TokenType.CHAR);
            Token nameToken = tryConsume(TokenType.NAME);
            Token regexpOrWildcard = tryConsumeRegexpOrWildcard(nameToken);
            if (nameToken != null || regexpOrWildcard != null) {
                String prefix = charToken == null ? "" : charToken.value();
                if (!prefix.isEmpty() && !prefix.equals(options.prefix())) {
                    pendingFixedValue.append(prefix);
                    prefix = "";
                }
                maybeAddPartFromPendingFixedValue();
                Token modifier = tryConsumeModifier();
                addPart(prefix, nameToken, regexpOrWildcard, "", modifier);
                continue;
            }
            Token fixed = charToken != null ? charToken : tryConsume(TokenType.ESCAPED_CHAR);
            if (fixed != null) {
                pendingFixedValue.append(fixed.value());
                continue;
            }
            Token open = tryConsume(TokenType.OPEN);
            if (open != null) {
                String prefix = consumeText();
                Token name = tryConsume(TokenType.NAME);
                Token regexp = tryConsumeRegexpOrWildcard(name);
                String suffix = consumeText();
                consumeRequired(TokenType.CLOSE);
                Token modifier = tryConsumeModifier();
                addPart(prefix, name, regexp, suffix, modifier);
                continue;
            }
            maybeAddPartFromPendingFixedValue();
            consumeRequired(TokenType.END);
        }
    }

    private Token tryConsume(TokenType type) {
        Token t = tokens.get(index);
        if (t.type() != type) {
            return null;
        }
        index++;
        return t;
    }

    private Token tryConsumeModifier() {
        Token t = tryConsume(TokenType.OTHER_MODIFIER);
        return t != null ? t : tryConsume(TokenType.ASTERISK);
    }

    private Token tryConsumeRegexpOrWildcard(Token nameToken) {
        Token t = tryConsume(TokenType.REGEXP);
        if (nameToken == null && t == null) {
            t = tryConsume(TokenType.ASTERISK);
        }
        return t;
    }

    private void consumeRequired(TokenType type) {
        if (tryConsume(type) == null) {
            Token t = tokens.get(index);
            throw new InvalidUrlPatternException("expected " + type.name().toLowerCase() + " but found "
                    + (t.type() == TokenType.END ? "end of pattern" : "'" + t.value() + "'") + " at " + t.index());
        }
    }

    private String consumeText() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            Token t = tryConsume(TokenType.CHAR);
            if (t == null) {
                t = tryConsume(TokenType.ESCAPED_CHAR);
            }
            if (t == null) {
                return sb.toString();
            }
            sb.append(t.value());
        }
    }

    private void maybeAddPartFromPendingFixedValue() {
        if (pendingFixedValue.length() == 0) {
            return;
        }
        String encoded = encoding.apply(pendingFixedValue.toString());
        pendingFixedValue.setLength(0);
        parts.add(new Part(PartType.FIXED_TEXT, encoded, Modifier.NONE, "", "", ""));
    }

    private void addPart(String prefix, Token nameToken, Token regexpOrWildcard, String suffix, Token modifierToken) {
        Modifier modifier = Modifier.NONE;
        if (modifierToken != null) {
            modifier = switch (modifierToken.value()) {
                case "?" -> Modifier.OPTIONAL;
                case "*" -> Modifier.ZERO_OR_MORE;
                case "+" -> Modifier.ONE_OR_MORE;
                default -> throw new IllegalStateException(modifierToken.value());
            };
        }
        if (nameToken == null && regexpOrWildcard == null && modifier == Modifier.NONE) {
            pendingFixedValue.append(prefix);
            return;
        }
        maybeAddPartFromPendingFixedValue();
        if (nameToken == null && regexpOrWildcard == null) {
            if (prefix.isEmpty()) {
                return;
            }
            parts.add(new Part(PartType.FIXED_TEXT, encoding.apply(prefix), modifier, "", "", ""));
            return;
        }
        String regexpValue;
        if (regexpOrWildcard == null) {
            regexpValue = segmentWildcardRegexp;
        } else if (regexpOrWildcard.type() == TokenType.ASTERISK) {
            regexpValue = FULL_WILDCARD_REGEXP;
        } else {
            regexpValue = regexpOrWildcard.value();
        }
        PartType type = PartType.REGEXP;
        if (regexpValue.equals(segmentWildcardRegexp)) {
            type = PartType.SEGMENT_WILDCARD;
            regexpValue = "";
        } else if (regexpValue.equals(FULL_WILDCARD_REGEXP)) {
            type = PartType.FULL_WILDCARD;
            regexpValue = "";
        }
        String name;
        if (nameToken != null) {
            name = nameToken.value();
        } else {
            name = Integer.toString(nextNumericName++);
        }
        for (Part p : parts) {
            if (p.name().equals(name)) {
                throw new InvalidUrlPatternException("duplicate group name '" + name + "'");
            }
        }
        parts.add(new Part(type, regexpValue, modifier, name, encoding.apply(prefix), encoding.apply(suffix)));
    }

    // ---------------------------------------------------------------------------------------------
    // Regular expression generation

    /**
     * The spec's "generate a regular expression and name list", emitting RE2 syntax: user regexps
     * are translated by {@link RegexpTranslator}; everything else is already common to both dialects.
     */
    static String generateRegexp(List<Part> parts, Options options, List<String> names) {
        StringBuilder result = new StringBuilder("^");
        for (Part part : parts) {
            if (part.type() == PartType.FIXED_TEXT) {
                if (part.modifier() == Modifier.NONE) {
                    result.append(escapeRegexpString(part.value()));
                } else {
                    result.append("(?:").append(escapeRegexpString(part.value())).append(')')
                            .append(part.modifier().text);
                }
                continue;
            }
            names.add(part.name());
            String regexpValue = switch (part.type()) {
                case SEGMENT_WILDCARD -> options.delimiter().isEmpty()
                        // "[^]" (any code point) is JavaScript only
                        ? "(?s:.)+?" : "[^" + escapeRegexpString(options.delimiter()) + "]+?";
                case FULL_WILDCARD -> "(?s:.)*";
                default -> RegexpTranslator.toRe2(part.value());
            };
            String prefix = escapeRegexpString(part.prefix());
            String suffix = escapeRegexpString(part.suffix());
            String modifier = part.modifier().text;
            if (part.prefix().isEmpty() && part.suffix().isEmpty()) {
                if (part.modifier() == Modifier.NONE || part.modifier() == Modifier.OPTIONAL) {
                    result.append('(').append(regexpValue).append(')').append(modifier);
                } else {
                    result.append("((?:").append(regexpValue).append(')').append(modifier).append(')');
                }
                continue;
            }
            if (part.modifier() == Modifier.NONE || part.modifier() == Modifier.OPTIONAL) {
                result.append("(?:").append(prefix).append('(').append(regexpValue).append(')').append(suffix)
                        .append(')').append(modifier);
                continue;
            }
            result.append("(?:").append(prefix).append("((?:").append(regexpValue).append(")(?:").append(suffix)
                    .append(prefix).append("(?:").append(regexpValue).append("))*)").append(suffix).append(')');
            if (part.modifier() == Modifier.ZERO_OR_MORE) {
                result.append('?');
            }
        }
        return result.append('$').toString();
    }

    static String escapeRegexpString(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (".+*?^${}()[]|/\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static String escapePatternString(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if ("+*?:{}()\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Pattern string generation (the normalised pattern the JavaScript getters return)

    static String generatePatternString(List<Part> parts, Options options) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Part previous = i > 0 ? parts.get(i - 1) : null;
            Part next = i < parts.size() - 1 ? parts.get(i + 1) : null;
            if (part.type() == PartType.FIXED_TEXT) {
                if (part.modifier() == Modifier.NONE) {
                    result.append(escapePatternString(part.value()));
                } else {
                    result.append('{').append(escapePatternString(part.value())).append('}')
                            .append(part.modifier().text);
                }
                continue;
            }
            boolean customName = !WhatwgUrl.isAsciiDigit(part.name().codePointAt(0));
            boolean needsGrouping = !part.suffix().isEmpty()
                    || (!part.prefix().isEmpty() && !part.prefix().equals(options.prefix()));
            if (!needsGrouping && customName && part.type() == PartType.SEGMENT_WILDCARD
                    && part.modifier() == Modifier.NONE && next != null && next.prefix().isEmpty()
                    && next.suffix().isEmpty()) {
                if (next.type() == PartType.FIXED_TEXT) {
                    needsGrouping = !next.value().isEmpty()
                            && PatternTokenizer.isValidNameCodePoint(next.value().codePointAt(0), false);
                } else {
                    needsGrouping = WhatwgUrl.isAsciiDigit(next.name().codePointAt(0));
                }
            }
            if (!needsGrouping && part.prefix().isEmpty() && previous != null
                    && previous.type() == PartType.FIXED_TEXT && !previous.value().isEmpty()
                    && !options.prefix().isEmpty()
                    && previous.value().endsWith(options.prefix())) {
                needsGrouping = true;
            }
            if (needsGrouping) {
                result.append('{');
            }
            result.append(escapePatternString(part.prefix()));
            if (customName) {
                result.append(':').append(part.name());
            }
            switch (part.type()) {
                case REGEXP -> result.append('(').append(part.value()).append(')');
                case SEGMENT_WILDCARD -> {
                    if (!customName) {
                        result.append('(').append(options.segmentWildcardRegexp()).append(')');
                    }
                }
                case FULL_WILDCARD -> {
                    if (!customName && (previous == null || previous.type() == PartType.FIXED_TEXT
                            || previous.modifier() != Modifier.NONE || needsGrouping || !part.prefix().isEmpty())) {
                        result.append('*');
                    } else {
                        result.append('(').append(FULL_WILDCARD_REGEXP).append(')');
                    }
                }
                default -> {
                }
            }
            if (part.type() == PartType.SEGMENT_WILDCARD && customName && !part.suffix().isEmpty()
                    && PatternTokenizer.isValidNameCodePoint(part.suffix().codePointAt(0), false)) {
                result.append('\\');
            }
            result.append(escapePatternString(part.suffix()));
            if (needsGrouping) {
                result.append('}');
            }
            result.append(part.modifier().text);
        }
        return result.toString();
    }
}
