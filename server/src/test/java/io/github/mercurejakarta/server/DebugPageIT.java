package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.HttpCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugging page over HTTP (what it does in a browser is tested in browser-tests/): served with
 * {@code --ui}, its files only, 404 without it.
 */
class DebugPageIT {

    static HubProcess hub;

    @BeforeAll
    static void startHub() {
        hub = HubProcess.startHub(List.of("--ui", "--secret", "secret-of-the-debugging-page-IT-32bytes"), Map.of());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static URI ui(HubProcess h, String path) {
        return URI.create(h.hubUrl() + "/ui" + path);
    }

    @Test
    void theBannerPrintsThePageUrl() {
        assertTrue(hub.stdoutLines().contains("Debugging page: " + hub.hubUrl() + "/ui/"), hub.output());
    }

    @Test
    void thePageIsServedAsHtmlWithAStrictContentSecurityPolicy() {
        HttpResponse<String> r = HttpCalls.get(ui(hub, "/"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "HTML: " + r.headers().map());
        assertTrue(r.body().contains("<script src=\"debug-page.js\""), "the page loads its own script: " + r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"),
                "scripts from the page's own files only: " + r.headers().map());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null),
                "no referrer: subscription URLs may carry a token");
    }

    @Test
    void thePathWithoutItsSlashRedirectsToThePage() {
        HttpResponse<String> r = HttpCalls.get(ui(hub, ""));
        assertEquals(301, r.statusCode(), r.body());
        assertEquals(ui(hub, "/").toString(), r.headers().firstValue("Location").orElse(null),
                "so that the page's relative links resolve below ui/");
    }

    @Test
    void theScriptAndStyleSheetAreServedWithTheirTypes() {
        HttpResponse<String> js = HttpCalls.get(ui(hub, "/debug-page.js"));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), js.headers().map().toString());
        HttpResponse<String> css = HttpCalls.get(ui(hub, "/debug-page.css"));
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), css.headers().map().toString());
    }

    @Test
    void anyOtherFileIsNotFound() {
        assertEquals(404, HttpCalls.get(ui(hub, "/DebugPageResource.class")).statusCode(), "only the page's files are served");
        assertEquals(404, HttpCalls.get(ui(hub, "/..%2F..%2Fconfig")).statusCode(), "no path tricks");
    }

    @Test
    void withoutUiThePageIsNotFound() {
        try (HubProcess plain = HubProcess.startHub(List.of("--secret", "secret-of-the-debugging-page-IT-32bytes"), Map.of())) {
            assertEquals(404, HttpCalls.get(ui(plain, "/")).statusCode(), "the page is off by default");
            assertEquals(404, HttpCalls.get(ui(plain, "/debug-page.js")).statusCode(), "its files too");
            assertTrue(plain.stdoutLines().stream().noneMatch(l -> l.startsWith("Debugging page")), plain.output());
        }
    }
}
