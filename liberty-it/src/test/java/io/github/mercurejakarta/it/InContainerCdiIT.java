package io.github.mercurejakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.it.app.Greeter;
import io.github.mercurejakarta.protocol.Dialect;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs inside Liberty (servlet protocol): CDI injection into the test, library loaded from the war. */
@ExtendWith(ArquillianExtension.class)
class InContainerCdiIT {

    @Deployment
    static WebArchive app() {
        return Deployments.war("incontainer")
                .config("mercure.it.greeting", "in-container")
                .classes(Greeter.class)
                .build();
    }

    @Inject
    Greeter greeter;

    @Inject
    @ConfigProperty(name = "mercure.it.greeting")
    String greeting;

    @Test
    void beansOfTheWarAreInjected() {
        assertNotNull(greeter, "CDI enrichment of the test instance");
        assertEquals("hello in-container", greeter.greet("in-container"));
        assertEquals("in-container", greeting);
    }

    @Test
    void libraryComesFromTheWar() {
        String location = Dialect.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(location.contains(Deployments.LIBRARY_JAR_NAME), location);
        assertEquals("Mercure-Last-Event-ID", Dialect.DRAFT_08.lastEventIdResponseHeader());
    }
}
