package io.github.mercurejakarta.it;

import io.github.mercurejakarta.testsupport.HttpCalls;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded hub's debugging page with {@code mercure.hub.ui=true}: served below the application's
 * context root, next to the hub. (Off by default: the standalone hub's DebugPageIT checks the 404; the
 * page's behaviour in a browser is tested in browser-tests/.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DebugPageIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("debugpage").config("mercure.hub.ui", "true").build();
    }

    @ArquillianResource
    URL base;

    @Test
    void thePageIsServedNextToTheEmbeddedHub() throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve(".well-known/mercure/ui/"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "HTML: " + r.headers().map());
        assertTrue(r.body().contains("Mercure hub — debugging page"), r.body());
    }

    @Test
    void itsScriptIsServed() throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve(".well-known/mercure/ui/debug-page.js"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("new EventSource("), "the page's script: " + r.body());
    }

    @Test
    void thePathWithoutItsSlashRedirectsBelowTheContextRoot() throws Exception {
        HttpResponse<String> r = HttpCalls.get(base.toURI().resolve(".well-known/mercure/ui"));
        assertEquals(301, r.statusCode(), r.body());
        assertEquals(base.toURI().resolve(".well-known/mercure/ui/").getPath(),
                java.net.URI.create(r.headers().firstValue("Location").orElse("")).getPath(),
                "the redirect keeps the application's context root");
    }
}
