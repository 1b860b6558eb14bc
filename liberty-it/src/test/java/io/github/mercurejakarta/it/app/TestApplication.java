package io.github.mercurejakarta.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of every test war: empty, so resources in the war and the library are scanned. */
@ApplicationPath("/")
public class TestApplication extends Application {
}
