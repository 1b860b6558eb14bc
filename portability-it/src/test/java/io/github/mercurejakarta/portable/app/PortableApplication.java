package io.github.mercurejakarta.portable.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: empty, so the server scans the war's resources and the library's hub resources. */
@ApplicationPath("/")
public class PortableApplication extends Application {
}
