package io.github.mercurejakarta.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The hub's debugging page ({@code {hub}/ui/}) as plain answers, for every front end: its three files with
 * their media types and security headers, 404 for any other name or when the page is off.
 *
 * <p>The files are class-path resources of the {@code jaxrs} package ({@code debug-page/}) rather than
 * {@code META-INF/resources}, which servlet containers would serve from the jar whatever the setting.
 */
public final class DebugPage {

    /** The files of the page, by the name they are served under, with their media types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "debug-page.js", "text/javascript; charset=utf-8",
            "debug-page.css", "text/css; charset=utf-8");

    private static final String RESOURCES = "/io/github/mercurejakarta/jaxrs/debug-page/";

    /**
     * Script and styles come from the page's own files only (no inline code, nothing from elsewhere);
     * requests go to this origin only: the page debugs this hub. No referrer: draft-07 subscription URLs
     * may carry a token in the query.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final boolean enabled;

    /** @param enabled {@code mercure.hub.ui} (the standalone hub's {@code --ui}) */
    public DebugPage(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** @return the page's file {@code name} (200), or 404 for any other name or when the page is off */
    public HubResponse file(String name) {
        if (!enabled) {
            return HubResponse.of(404, "the hub's debugging page is off (mercure.hub.ui, or --ui for the standalone hub)");
        }
        String type = FILES.get(name);
        if (type == null) {
            return HubResponse.of(404, "no such file of the debugging page: " + name);
        }
        return HubResponse.of(200, type, new String(read(name), StandardCharsets.UTF_8))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private static byte[] read(String name) {
        try (InputStream in = DebugPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the debugging page's " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
