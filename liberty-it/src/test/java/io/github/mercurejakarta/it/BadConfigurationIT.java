package io.github.mercurejakarta.it;

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

/** A wrong {@code mercure.*} value fails the deployment, and the server log names the key. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadConfigurationIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive app() {
        return Deployments.war("badconfig").config("mercure.hub.keepalive.interval", "soon").build();
    }

    @Test
    void theDeploymentFailsNamingTheKey() throws Exception {
        Path log = Path.of(System.getProperty("liberty.it.wlpHome", "target/liberty/wlp"), "usr", "servers",
                System.getProperty("liberty.it.server", "mercureIT"), "logs", "messages.log");
        String text = Files.readString(log);
        assertTrue(text.contains("mercure.hub.keepalive.interval") && text.contains("soon"),
                "the server log names the key and the value");
    }
}
