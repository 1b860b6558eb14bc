package io.github.mercurejakarta.portable;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every portability test shares: the same war ({@link PortableApp#war()}) deployed on the server
 * under test (the failsafe execution picks the Arquillian container), reached over HTTP from the client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class PortableIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return PortableApp.war();
    }

    @ArquillianResource
    URL base;

    /** The deployed application, for the test methods. */
    PortableApp app;

    @BeforeEach
    void client() {
        app = PortableApp.at(base);
    }
}
