package ${package};

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at the root of the war: the embedded Mercure hub, a JAX-RS resource of the
 * library, answers below it at {@code /.well-known/mercure}.
 */
@ApplicationPath("/")
public class HelloApplication extends Application {
}
