package io.github.mercurejakarta.it;

import io.github.mercurejakarta.it.broken.UnsatisfiedBean;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guards the harness: a war that Liberty refuses (unsatisfied CDI dependency) must surface as an
 * Arquillian deployment failure (failing any normal test class), not as an app that answers 404.
 * The Liberty container wraps it as Arquillian's spi DeploymentException; Arquillian matches
 * {@code @ShouldThrowException} against its causes, where the CDI DeploymentException (WELD-001408) is.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentFailureIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive broken() {
        return Deployments.war("broken").classes(UnsatisfiedBean.class, UnsatisfiedBean.Missing.class).build();
    }

    @Test
    void deploymentFails() {
        // reaching here means Arquillian saw the expected DeploymentException
    }
}
