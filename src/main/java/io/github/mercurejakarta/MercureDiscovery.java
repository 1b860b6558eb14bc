package io.github.mercurejakarta;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Advertises the Mercure hub on the responses of a JAX-RS resource class or method: a
 * {@code Link: <hub URL>; rel="mercure"} header (the hub URL browsers use), and with {@link #self()} a
 * {@code Link: <request URL>; rel="self"} naming the topic. CORS preflights ({@code OPTIONS}) get no link.
 *
 * <pre>{@code
 * @Path("books/{id}")
 * @MercureDiscovery(self = true)
 * public class BookResource {
 *     @GET public Book get(@PathParam("id") long id) { ... }
 * }
 * // Link: <https://example.com/.well-known/mercure>; rel="mercure"
 * // Link: <https://example.com/books/1>; rel="self"
 * }</pre>
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MercureDiscovery {

    /**
     * Also send {@code Link: <request URL>; rel="self"}, the canonical topic of the resource (draft-08
     * item 12; without it subscribers use the URL they fetched).
     *
     * <pre>{@code @MercureDiscovery(self = true)}</pre>
     *
     * @return whether to add the {@code rel="self"} link
     */
    boolean self() default false;
}
