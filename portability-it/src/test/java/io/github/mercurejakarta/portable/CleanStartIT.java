package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The library's dependencies start quietly on every server: jose4j, which verifies and mints the JWTs, logs
 * through slf4j, and slf4j without a provider beside it falls back to its no-operation logger after printing
 * "SLF4J(W): No SLF4J providers were found" on System.err, once per application (seen on Open Liberty).
 * The library brings a provider (slf4j-jdk14, to java.util.logging); the server may bring its own (WildFly).
 * liberty-it's CleanStartIT reads Open Liberty's log itself.
 */
class CleanStartIT extends PortableIT {

    @Test
    void slf4jFindsAProviderSoJose4jLogsQuietly() {
        // a publisher JWT verified first: jose4j's first work in this application, as in any
        HttpResponse<String> publish = HttpCalls.postForm(app.hub(), Form.of("topic", topic("clean"), "data", "x"),
                "Authorization", "Bearer " + PortableApp.publisherToken07());
        assertEquals(200, publish.statusCode(), publish.body());
        HttpResponse<String> factory = HttpCalls.get(app.uri("app/logging"));
        assertEquals(200, factory.statusCode(), factory.body());
        assertNotEquals("org.slf4j.helpers.NOPLoggerFactory", factory.body(),
                "slf4j found no provider on " + PortableApp.server());
    }
}
