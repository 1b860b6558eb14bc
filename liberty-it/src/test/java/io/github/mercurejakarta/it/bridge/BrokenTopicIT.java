package io.github.mercurejakarta.it.bridge;

import io.github.mercurejakarta.it.Deployments;
import io.github.mercurejakarta.it.bridge.broken.BookWithoutIsbn;
import io.github.mercurejakarta.it.bridge.broken.Library;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code @MercureTopic} naming a property its event lacks fails the deployment on Liberty, naming the
 * class, although the event record is no bean (annotated discovery): it is found through its
 * {@code Event<T>} injection point. (The classes are top-level: Weld skips a nested class whose enclosing
 * class is not in the war.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokenTopicIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive app() {
        return Deployments.war("broken-topic").classes(BookWithoutIsbn.class, Library.class).build();
    }

    @Test
    void theDeploymentFailsNamingTheClassAndTheProperty() throws Exception {
        String log = Files.readString(Path.of("target/liberty/wlp/usr/servers", System.getProperty("liberty.it.server", "mercureIT"), "logs/messages.log"));
        assertTrue(log.contains(BookWithoutIsbn.class.getName()) && log.contains("isbn"),
                "the server log names the event class and the missing property");
    }
}
