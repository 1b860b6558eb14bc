package io.github.mercurejakarta.bench.war;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the bench's Liberty war: empty, so the library's hub resource is found by
 * scanning and serves {@code /bench/.well-known/mercure}, as in any application that embeds the hub.
 */
@ApplicationPath("/")
public class BenchApplication extends Application {
}
