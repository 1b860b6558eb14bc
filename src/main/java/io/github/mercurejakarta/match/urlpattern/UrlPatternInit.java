package io.github.mercurejakarta.match.urlpattern;

/**
 * The dictionary form of a URL pattern or of a URL to match ({@code URLPatternInit} in the
 * standard). A {@code null} component is absent: for a pattern it becomes {@code *} (or is inherited
 * from {@link #baseURL}); for an input it is the empty string.
 *
 * <pre>{@code
 * UrlPattern p = UrlPattern.compile(UrlPatternInit.builder().pathname("/books/:id").build());
 * p.test(UrlPatternInit.builder().pathname("/books/1").build()); // true
 * }</pre>
 */
public record UrlPatternInit(String protocol, String username, String password, String hostname, String port,
        String pathname, String search, String hash, String baseURL) {

    public static Builder builder() {
        return new Builder();
    }

    /** @return the component at position {@code c} (protocol, username, ..., hash) */
    String get(Component c) {
        return switch (c) {
            case PROTOCOL -> protocol;
            case USERNAME -> username;
            case PASSWORD -> password;
            case HOSTNAME -> hostname;
            case PORT -> port;
            case PATHNAME -> pathname;
            case SEARCH -> search;
            case HASH -> hash;
        };
    }

    static UrlPatternInit of(String[] components, String baseURL) {
        return new UrlPatternInit(components[0], components[1], components[2], components[3], components[4],
                components[5], components[6], components[7], baseURL);
    }

    /** Builds a {@link UrlPatternInit}; unset components stay absent. */
    public static final class Builder {
        private final String[] components = new String[Component.values().length];
        private String baseURL;

        private Builder() {
        }

        public Builder protocol(String v) {
            components[Component.PROTOCOL.ordinal()] = v;
            return this;
        }

        public Builder username(String v) {
            components[Component.USERNAME.ordinal()] = v;
            return this;
        }

        public Builder password(String v) {
            components[Component.PASSWORD.ordinal()] = v;
            return this;
        }

        public Builder hostname(String v) {
            components[Component.HOSTNAME.ordinal()] = v;
            return this;
        }

        public Builder port(String v) {
            components[Component.PORT.ordinal()] = v;
            return this;
        }

        public Builder pathname(String v) {
            components[Component.PATHNAME.ordinal()] = v;
            return this;
        }

        public Builder search(String v) {
            components[Component.SEARCH.ordinal()] = v;
            return this;
        }

        public Builder hash(String v) {
            components[Component.HASH.ordinal()] = v;
            return this;
        }

        public Builder baseURL(String v) {
            baseURL = v;
            return this;
        }

        public UrlPatternInit build() {
            return of(components, baseURL);
        }
    }
}
