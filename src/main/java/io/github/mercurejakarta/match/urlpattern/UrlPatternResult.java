package io.github.mercurejakarta.match.urlpattern;

import java.util.List;

/**
 * The result of {@link UrlPattern#exec}: the inputs as given (a URL string and optional base, or a
 * {@link UrlPatternInit}) and one {@link ComponentResult} per URL component.
 *
 * <pre>{@code
 * UrlPatternResult r = UrlPattern.compile("https://hub.example/books/:id").exec("https://hub.example/books/7", null);
 * r.pathname().groups().get("id"); // "7"
 * }</pre>
 */
public record UrlPatternResult(List<Object> inputs, ComponentResult protocol, ComponentResult username,
        ComponentResult password, ComponentResult hostname, ComponentResult port, ComponentResult pathname,
        ComponentResult search, ComponentResult hash) {

    public UrlPatternResult {
        inputs = List.copyOf(inputs);
    }

    /** @return the result of one component, by its JavaScript name ("protocol", ..., "hash") */
    public ComponentResult component(String name) {
        return switch (name) {
            case "protocol" -> protocol;
            case "username" -> username;
            case "password" -> password;
            case "hostname" -> hostname;
            case "port" -> port;
            case "pathname" -> pathname;
            case "search" -> search;
            case "hash" -> hash;
            default -> throw new IllegalArgumentException("unknown component: " + name);
        };
    }
}
