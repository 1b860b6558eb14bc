package io.github.mercurejakarta.it.external;

import io.github.mercurejakarta.it.Deployments;
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

/** An external hub without a publisher credential fails the deployment, naming the keys that would do. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MissingPublisherCredentialIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive app() {
        return Deployments.war("ext-no-credential")
                .config("mercure.hub.url", "https://hub.example.invalid/.well-known/mercure")
                .build();
    }

    @Test
    void theDeploymentFailsNamingThePublisherKeys() throws Exception {
        String log = Files.readString(Path.of("target/liberty/wlp/usr/servers", System.getProperty("liberty.it.server", "mercureIT"), "logs/messages.log"));
        assertTrue(log.contains("hub.example.invalid") && log.contains("mercure.publisher.jwt")
                        && log.contains("mercure.publisher.secret.key"),
                "the server log names the hub and the credential keys");
    }
}
