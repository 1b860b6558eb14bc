package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code --hub URL}, shared by the commands that talk to a hub: the option, else {@code MERCURE_HUB_URL}
 * (as in flask-mercure-sse; its value {@code true}, "the request's URL", means nothing here and is
 * skipped), else {@value #DEFAULT_HUB_URL}, where {@code mercure hub} listens by default.
 */
final class HubOption {

    static final String DEFAULT_HUB_URL = "http://localhost:5500/.well-known/mercure";

    @Option(names = "--hub", paramLabel = "URL",
            description = "The hub's URL. Default: MERCURE_HUB_URL, else " + DEFAULT_HUB_URL + ".")
    String hub;

    /** @return the hub URL, checked: an absolute http(s) URL without query or fragment */
    URI uri() {
        String value = hub;
        String origin = "--hub";
        if (value == null || value.isBlank()) {
            String env = System.getenv("MERCURE_HUB_URL");
            if (env != null && !env.isBlank() && !env.trim().equalsIgnoreCase("true")) {
                value = env.trim();
                origin = "MERCURE_HUB_URL";
            } else {
                value = DEFAULT_HUB_URL;
            }
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new UserError(UserError.USAGE, origin + ": expected an http(s) URL such as " + DEFAULT_HUB_URL
                        + ", got '" + value + "'");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UserError(UserError.USAGE, origin + ": the hub URL takes no query or fragment, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError(UserError.USAGE, origin + ": not a URL: '" + value + "' (" + e.getReason() + ")");
        }
    }
}
