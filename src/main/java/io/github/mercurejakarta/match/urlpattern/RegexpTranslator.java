package io.github.mercurejakarta.match.urlpattern;

/**
 * Translates the body of a user regexp group ({@code :id([0-9]+)}) from ECMAScript syntax to RE2.
 *
 * <p>RE2 runs in linear time because it lacks backtracking-only features; those (lookaround,
 * backreferences) fail later when RE2 compiles the result. ECMAScript {@code v}-flag class set
 * operations ({@code [[a-z]--a]}, {@code &&}) and nested classes would silently mean something else
 * in RE2, so they are rejected here instead of being mistranslated.
 */
final class RegexpTranslator {

    private RegexpTranslator() {
    }

    static String toRe2(String js) {
        StringBuilder out = new StringBuilder(js.length() + 8);
        boolean inClass = false;
        int len = js.length();
        for (int i = 0; i < len; i++) {
            char c = js.charAt(i);
            if (c == '\\') {
                if (i + 1 >= len) {
                    throw new InvalidUrlPatternException("regular expression ends with a backslash: " + js);
                }
                char e = js.charAt(i + 1);
                if (e == 'u') {
                    // \\uXXXX and \\u{X...}: RE2 spells code points \\x{...}
                    int end;
                    String hex;
                    if (i + 2 < len && js.charAt(i + 2) == '{') {
                        end = js.indexOf('}', i + 3);
                        if (end < 0) {
                            throw new InvalidUrlPatternException("invalid \\u escape in regular expression: " + js);
                        }
                        hex = js.substring(i + 3, end);
                    } else {
                        end = i + 5; // index of the last of the four hex digits
                        if (end >= len) {
                            throw new InvalidUrlPatternException("invalid \\u escape in regular expression: " + js);
                        }
                        hex = js.substring(i + 2, end + 1);
                    }
                    if (hex.isEmpty() || !hex.chars().allMatch(WhatwgUrl::isAsciiHexDigit)) {
                        throw new InvalidUrlPatternException("invalid \\u escape in regular expression: " + js);
                    }
                    out.append("\\x{").append(hex).append('}');
                    i = end;
                    continue;
                }
                if (e == 'k' || (e >= '1' && e <= '9')) {
                    throw new InvalidUrlPatternException("backreferences are not supported (linear-time matching): " + js);
                }
                out.append(c).append(e);
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[' || (c == '-' && i + 1 < len && js.charAt(i + 1) == '-')
                        || (c == '&' && i + 1 < len && js.charAt(i + 1) == '&')) {
                    throw new InvalidUrlPatternException(
                            "nested character classes and class set operations are not supported: " + js);
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (js.startsWith("[^]", i)) {
                    // ECMAScript "any code point"; an empty negated class is a syntax error in RE2
                    out.append("[\\x{0}-\\x{10FFFF}]");
                    i += 2;
                    inClass = false;
                    continue;
                }
                out.append(c);
                // a leading ']' is an ordinary character in RE2 but closes an empty class in ECMAScript
                if (i + 1 < len && js.charAt(i + 1) == ']') {
                    throw new InvalidUrlPatternException("empty character class is not supported: " + js);
                }
                if (i + 2 < len && js.charAt(i + 1) == '^' && js.charAt(i + 2) == ']') {
                    throw new InvalidUrlPatternException("empty character class is not supported: " + js);
                }
                continue;
            }
            if (c == '(' && js.startsWith("(?<", i) && !js.startsWith("(?<=", i) && !js.startsWith("(?<!", i)) {
                throw new InvalidUrlPatternException("named groups inside a regexp group are not supported: " + js);
            }
            out.append(c);
        }
        return out.toString();
    }
}
