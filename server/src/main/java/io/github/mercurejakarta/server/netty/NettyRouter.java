package io.github.mercurejakarta.server.netty;

import io.github.mercurejakarta.http.HubResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Netty front end's routes: a path (exact, or a tree of paths below it) and a method name a handler.
 * Adding an endpoint is one registration:
 *
 * <pre>{@code
 * router.get("/health/live", x -> x.respond(HubResponse.of(200, "application/json", "{\"status\":\"UP\"}")));
 * router.tree("GET", "/.well-known/mercure/subscriptions", x -> x.respond(protocol.subscriptions(x.hubRequest(), x.rest())));
 * }</pre>
 *
 * <p>Matching follows what the JAX-RS front end does with {@code @Path}: an exact path matches the
 * percent-decoded request path with or without one trailing slash; a tree matches its path and everything
 * below it, and hands the handler the rest of the path still percent-encoded ({@link NettyExchange#rest()}),
 * so that {@code %2F} inside a segment stays part of the segment. Exact paths are tried first. {@code HEAD}
 * falls back on the {@code GET} handler without the body; a path with no handler for the method answers
 * 405 with {@code Allow}, except {@code OPTIONS}, answered 200 with {@code Allow}; an unknown path 404.
 */
final class NettyRouter {

    /** Handles one request; may answer from any thread, exactly once. */
    @FunctionalInterface
    interface Route {
        void handle(NettyExchange exchange);
    }

    private final Map<String, Map<String, Route>> exact = new LinkedHashMap<>();
    private final Map<String, Map<String, Route>> trees = new LinkedHashMap<>();

    /** Registers {@code GET path}. */
    NettyRouter get(String path, Route route) {
        return exact("GET", path, route);
    }

    /** Registers {@code method path} for that exact path (decoded; one trailing slash tolerated). */
    NettyRouter exact(String method, String path, Route route) {
        add(exact, method, normalize(path), route);
        return this;
    }

    /** Registers {@code method} for {@code path} and every path below it ({@link NettyExchange#rest()}). */
    NettyRouter tree(String method, String path, Route route) {
        add(trees, method, normalize(path), route);
        return this;
    }

    private static void add(Map<String, Map<String, Route>> table, String method, String path, Route route) {
        Route previous = table.computeIfAbsent(path, k -> new LinkedHashMap<>()).putIfAbsent(method, route);
        if (previous != null) {
            throw new IllegalArgumentException(method + " " + path + " is already routed");
        }
    }

    private static String normalize(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with /: " + path);
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Finds the handler of {@code exchange} and runs it, or answers 404 / 405 / the default OPTIONS. */
    void dispatch(NettyExchange exchange) {
        String path = exchange.path();
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Map<String, Route> methods = exact.get(trimmed);
        String rest = "";
        if (methods == null) {
            String raw = exchange.rawPath();
            for (Map.Entry<String, Map<String, Route>> t : trees.entrySet()) {
                String base = t.getKey();
                if (raw.equals(base) || raw.startsWith(base + "/")) {
                    methods = t.getValue();
                    rest = raw.substring(base.length());
                    break;
                }
            }
        }
        if (methods == null) {
            exchange.respond(HubResponse.of(404, "not found"));
            return;
        }
        String method = exchange.method();
        Route route = methods.get(method);
        if (route == null && method.equals("HEAD")) {
            route = methods.get("GET");
        }
        if (route == null) {
            String allow = allow(methods.keySet());
            int status = method.equals("OPTIONS") ? 200 : 405;
            exchange.respond(HubResponse.of(status, status == 200 ? null : "method not allowed")
                    .header("Allow", allow));
            return;
        }
        exchange.rest(rest);
        route.handle(exchange);
    }

    private static String allow(Set<String> methods) {
        Set<String> all = new LinkedHashSet<>(methods);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        all.add("OPTIONS");
        List<String> list = new ArrayList<>(all);
        return String.join(", ", list);
    }
}
