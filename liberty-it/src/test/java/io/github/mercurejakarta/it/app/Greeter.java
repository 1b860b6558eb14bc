package io.github.mercurejakarta.it.app;

import jakarta.enterprise.context.ApplicationScoped;

/** A bean of the test app, to show CDI works in the deployed war. */
@ApplicationScoped
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
