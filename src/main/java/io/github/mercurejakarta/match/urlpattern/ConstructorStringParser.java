package io.github.mercurejakarta.match.urlpattern;

import io.github.mercurejakarta.match.urlpattern.PatternTokenizer.Token;
import io.github.mercurejakarta.match.urlpattern.PatternTokenizer.TokenType;
import java.util.List;

/**
 * Splits a constructor string such as {@code https://{*.}?example.com/:id?q#h} into its component
 * patterns (https://urlpattern.spec.whatwg.org/#constructor-string-parsing). Works on lenient tokens
 * so that pattern syntax ({@code :name}, {@code (...)}, {@code {...}}) never splits a component.
 */
final class ConstructorStringParser {

    private enum State { INIT, PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH, DONE }

    private final int[] input;
    private final List<Token> tokens;
    private final String[] result = new String[Component.values().length];
    private int componentStart;
    private int tokenIndex;
    private int tokenIncrement = 1;
    private int groupDepth;
    private int hostnameIpv6BracketDepth;
    private boolean protocolMatchesSpecialScheme;
    private State state = State.INIT;

    private ConstructorStringParser(String input) {
        this.input = input.codePoints().toArray();
        this.tokens = PatternTokenizer.tokenize(input, false);
    }

    /** @return the component patterns, indexed by {@link Component#ordinal()}; null when absent */
    static String[] parse(String input) {
        ConstructorStringParser p = new ConstructorStringParser(input);
        p.run();
        return p.result;
    }

    private void run() {
        while (tokenIndex < tokens.size()) {
            tokenIncrement = 1;
            if (tokens.get(tokenIndex).type() == TokenType.END) {
                if (state == State.INIT) {
                    rewind();
                    if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else {
                        changeState(State.PATHNAME, 0);
                    }
                    tokenIndex += tokenIncrement;
                    continue;
                }
                if (state == State.AUTHORITY) {
                    rewindAndSetState(State.HOSTNAME);
                    tokenIndex += tokenIncrement;
                    continue;
                }
                changeState(State.DONE, 0);
                break;
            }
            if (tokens.get(tokenIndex).type() == TokenType.OPEN) {
                groupDepth++;
                tokenIndex += tokenIncrement;
                continue;
            }
            if (groupDepth > 0) {
                if (tokens.get(tokenIndex).type() == TokenType.CLOSE) {
                    groupDepth--;
                } else {
                    tokenIndex += tokenIncrement;
                    continue;
                }
            }
            switch (state) {
                case INIT -> {
                    if (isNonSpecialPatternChar(tokenIndex, ":")) {
                        rewindAndSetState(State.PROTOCOL);
                    }
                }
                case PROTOCOL -> {
                    if (isNonSpecialPatternChar(tokenIndex, ":")) {
                        computeProtocolMatchesSpecialScheme();
                        State next = State.PATHNAME;
                        int skip = 1;
                        if (isNonSpecialPatternChar(tokenIndex + 1, "/") && isNonSpecialPatternChar(tokenIndex + 2, "/")) {
                            next = State.AUTHORITY;
                            skip = 3;
                        } else if (protocolMatchesSpecialScheme) {
                            next = State.AUTHORITY;
                        }
                        changeState(next, skip);
                    }
                }
                case AUTHORITY -> {
                    if (isNonSpecialPatternChar(tokenIndex, "@")) {
                        rewindAndSetState(State.USERNAME);
                    } else if (isNonSpecialPatternChar(tokenIndex, "/") || isSearchPrefix() || isHashPrefix()) {
                        rewindAndSetState(State.HOSTNAME);
                    }
                }
                case USERNAME -> {
                    if (isNonSpecialPatternChar(tokenIndex, ":")) {
                        changeState(State.PASSWORD, 1);
                    } else if (isNonSpecialPatternChar(tokenIndex, "@")) {
                        changeState(State.HOSTNAME, 1);
                    }
                }
                case PASSWORD -> {
                    if (isNonSpecialPatternChar(tokenIndex, "@")) {
                        changeState(State.HOSTNAME, 1);
                    }
                }
                case HOSTNAME -> {
                    if (isNonSpecialPatternChar(tokenIndex, "[")) {
                        hostnameIpv6BracketDepth++;
                    } else if (isNonSpecialPatternChar(tokenIndex, "]")) {
                        hostnameIpv6BracketDepth--;
                    } else if (isNonSpecialPatternChar(tokenIndex, ":") && hostnameIpv6BracketDepth == 0) {
                        changeState(State.PORT, 1);
                    } else if (isNonSpecialPatternChar(tokenIndex, "/")) {
                        changeState(State.PATHNAME, 0);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case PORT -> {
                    if (isNonSpecialPatternChar(tokenIndex, "/")) {
                        changeState(State.PATHNAME, 0);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case PATHNAME -> {
                    if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case SEARCH -> {
                    if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                default -> {
                }
            }
            tokenIndex += tokenIncrement;
        }
        if (result[Component.HOSTNAME.ordinal()] != null && result[Component.PORT.ordinal()] == null) {
            result[Component.PORT.ordinal()] = "";
        }
    }

    private static Component componentOf(State s) {
        return switch (s) {
            case PROTOCOL -> Component.PROTOCOL;
            case USERNAME -> Component.USERNAME;
            case PASSWORD -> Component.PASSWORD;
            case HOSTNAME -> Component.HOSTNAME;
            case PORT -> Component.PORT;
            case PATHNAME -> Component.PATHNAME;
            case SEARCH -> Component.SEARCH;
            case HASH -> Component.HASH;
            default -> null;
        };
    }

    private boolean absent(Component c) {
        return result[c.ordinal()] == null;
    }

    private void changeState(State newState, int skip) {
        if (state != State.INIT && state != State.AUTHORITY && state != State.DONE) {
            result[componentOf(state).ordinal()] = makeComponentString();
        }
        if (state != State.INIT && newState != State.DONE) {
            boolean beforeHost = state == State.PROTOCOL || state == State.AUTHORITY || state == State.USERNAME
                    || state == State.PASSWORD;
            if (beforeHost && (newState == State.PORT || newState == State.PATHNAME || newState == State.SEARCH
                    || newState == State.HASH) && absent(Component.HOSTNAME)) {
                result[Component.HOSTNAME.ordinal()] = "";
            }
            boolean beforePath = beforeHost || state == State.HOSTNAME || state == State.PORT;
            if (beforePath && (newState == State.SEARCH || newState == State.HASH) && absent(Component.PATHNAME)) {
                result[Component.PATHNAME.ordinal()] = protocolMatchesSpecialScheme ? "/" : "";
            }
            boolean beforeSearch = beforePath || state == State.PATHNAME;
            if (beforeSearch && newState == State.HASH && absent(Component.SEARCH)) {
                result[Component.SEARCH.ordinal()] = "";
            }
        }
        state = newState;
        tokenIndex += skip;
        componentStart = tokenIndex;
        tokenIncrement = 0;
    }

    private void rewind() {
        tokenIndex = componentStart;
        tokenIncrement = 0;
    }

    private void rewindAndSetState(State s) {
        rewind();
        state = s;
    }

    private Token safeToken(int index) {
        return index < tokens.size() ? tokens.get(index) : tokens.get(tokens.size() - 1);
    }

    private boolean isNonSpecialPatternChar(int index, String value) {
        Token t = safeToken(index);
        if (!t.value().equals(value)) {
            return false;
        }
        return t.type() == TokenType.CHAR || t.type() == TokenType.ESCAPED_CHAR || t.type() == TokenType.INVALID_CHAR;
    }

    private boolean isSearchPrefix() {
        if (isNonSpecialPatternChar(tokenIndex, "?")) {
            return true;
        }
        if (!tokens.get(tokenIndex).value().equals("?")) {
            return false;
        }
        int previousIndex = tokenIndex - 1;
        if (previousIndex < 0) {
            return true;
        }
        TokenType previous = safeToken(previousIndex).type();
        // after a name, regexp, group or wildcard an unescaped "?" is the optional modifier
        return previous != TokenType.NAME && previous != TokenType.REGEXP && previous != TokenType.CLOSE
                && previous != TokenType.ASTERISK;
    }

    private boolean isHashPrefix() {
        return isNonSpecialPatternChar(tokenIndex, "#");
    }

    private String makeComponentString() {
        Token token = tokens.get(tokenIndex);
        int start = safeToken(componentStart).index();
        return new String(input, start, token.index() - start);
    }

    private void computeProtocolMatchesSpecialScheme() {
        PatternComponent protocol = PatternComponent.compile(makeComponentString(), ComponentCanonicalizer::protocol,
                PatternParser.Options.DEFAULT);
        protocolMatchesSpecialScheme = UrlPattern.matchesSpecialScheme(protocol);
    }
}
