package io.github.mercurejakarta.match.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The URL Pattern tokenizer (https://urlpattern.spec.whatwg.org/#tokenizing). Positions are code
 * point indices, as in the spec. The strict policy rejects malformed input; the lenient one (used to
 * split constructor strings into components) turns it into {@code INVALID_CHAR} tokens.
 */
final class PatternTokenizer {

    enum TokenType { OPEN, CLOSE, REGEXP, NAME, CHAR, ESCAPED_CHAR, OTHER_MODIFIER, ASTERISK, END, INVALID_CHAR }

    /** @param index the code point index of the token's first code point in the input */
    record Token(TokenType type, int index, String value) {
    }

    private final int[] input;
    private final boolean strict;
    private final List<Token> tokens = new ArrayList<>();
    private int index;

    private PatternTokenizer(int[] input, boolean strict) {
        this.input = input;
        this.strict = strict;
    }

    static List<Token> tokenize(String input, boolean strict) {
        PatternTokenizer t = new PatternTokenizer(input.codePoints().toArray(), strict);
        t.run();
        return t.tokens;
    }

    private void run() {
        int len = input.length;
        while (index < len) {
            int c = input[index];
            int next = index + 1;
            switch (c) {
                case '*' -> addToken(TokenType.ASTERISK, next, index);
                case '+', '?' -> addToken(TokenType.OTHER_MODIFIER, next, index);
                case '\\' -> {
                    if (index == len - 1) {
                        tokenizingError(next, index, "a pattern cannot end with a backslash");
                    } else {
                        addToken(TokenType.ESCAPED_CHAR, next + 1, next);
                    }
                }
                case '{' -> addToken(TokenType.OPEN, next, index);
                case '}' -> addToken(TokenType.CLOSE, next, index);
                case ':' -> name(next);
                case '(' -> regexp(next);
                default -> addToken(TokenType.CHAR, next, index);
            }
        }
        tokens.add(new Token(TokenType.END, index, ""));
    }

    private void name(int next) {
        int namePosition = next;
        int nameStart = namePosition;
        while (namePosition < input.length
                && isValidNameCodePoint(input[namePosition], namePosition == nameStart)) {
            namePosition++;
        }
        if (namePosition <= nameStart) {
            tokenizingError(nameStart, index, "missing parameter name after ':' at " + index);
            return;
        }
        addToken(TokenType.NAME, namePosition, nameStart);
    }

    private void regexp(int next) {
        int len = input.length;
        int depth = 1;
        int position = next;
        int start = position;
        while (position < len) {
            int c = input[position];
            if (c > 0x7F) {
                tokenizingError(start, index, "non-ASCII character in regular expression group at " + index);
                return;
            }
            if (position == start && c == '?') {
                tokenizingError(start, index, "regular expression group cannot start with '?' at " + index);
                return;
            }
            if (c == '\\') {
                if (position == len - 1 || input[position + 1] > 0x7F) {
                    tokenizingError(start, index, "invalid escape in regular expression group at " + index);
                    return;
                }
                position += 2;
                continue;
            }
            if (c == ')') {
                depth--;
                if (depth == 0) {
                    position++;
                    break;
                }
            } else if (c == '(') {
                depth++;
                // nested groups must be non-capturing: the group numbering of the pattern depends on it
                if (position == len - 1 || input[position + 1] != '?') {
                    tokenizingError(start, index, "nested capturing group in regular expression at " + index);
                    return;
                }
            }
            position++;
        }
        if (depth != 0) {
            tokenizingError(start, index, "unbalanced parentheses in regular expression group at " + index);
            return;
        }
        int length = position - start - 1;
        if (length == 0) {
            tokenizingError(start, index, "empty regular expression group at " + index);
            return;
        }
        tokens.add(new Token(TokenType.REGEXP, index, new String(input, start, length)));
        index = position;
    }

    private void addToken(TokenType type, int nextPosition, int valuePosition) {
        tokens.add(new Token(type, index, new String(input, valuePosition, nextPosition - valuePosition)));
        index = nextPosition;
    }

    private void tokenizingError(int nextPosition, int valuePosition, String message) {
        if (strict) {
            throw new InvalidUrlPatternException(message);
        }
        addToken(TokenType.INVALID_CHAR, nextPosition, valuePosition);
    }

    /** ECMAScript IdentifierStart / IdentifierPart, as the spec's "valid name code point". */
    static boolean isValidNameCodePoint(int c, boolean first) {
        if (c < 0x80) {
            return WhatwgUrl.isAsciiAlpha(c) || c == '$' || c == '_' || (!first && WhatwgUrl.isAsciiDigit(c));
        }
        if (first) {
            return Character.isUnicodeIdentifierStart(c);
        }
        if (c == 0x200C || c == 0x200D) {
            return true;
        }
        return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }
}
