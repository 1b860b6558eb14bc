package io.github.mercurejakarta.examples.chat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The chat's JAX-RS application at the root: the pages, the chat's API, and (with no {@code mercure.hub.url})
 * the library's embedded hub at {@code /.well-known/mercure}, all found by scanning.
 */
@ApplicationPath("/")
public class ChatApplication extends Application {
}
