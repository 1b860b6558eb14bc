package io.github.mercurejakarta.jaxrs;

import jakarta.ws.rs.HttpMethod;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The HTTP {@code QUERY} method (a safe method with a body; draft-08 subscribes with it), which JAX-RS has no
 * annotation for: {@link HttpMethod} makes one, as it does {@code GET}.
 *
 * <pre>{@code
 * @Query
 * @Produces(MediaType.SERVER_SENT_EVENTS)
 * public void query(InputStream body, @Context SseEventSink sink) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod("QUERY")
@Documented
public @interface Query {
}
