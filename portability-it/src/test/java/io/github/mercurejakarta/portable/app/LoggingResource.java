package io.github.mercurejakarta.portable.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.LoggerFactory;

/**
 * Which logger factory slf4j found in this application: the one jose4j (the library's JWT code) logs
 * through. {@code org.slf4j.helpers.NOPLoggerFactory} means no provider, and slf4j then prints "SLF4J(W): No
 * SLF4J providers were found" on System.err.
 */
@Path("app/logging")
public class LoggingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String loggerFactory() {
        return LoggerFactory.getILoggerFactory().getClass().getName();
    }
}
