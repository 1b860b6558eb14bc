/**
 * Implementation of the subscriber helpers of {@link io.github.mercurejakarta.Mercure} (not API, except
 * {@link io.github.mercurejakarta.subscriber.ServletCookies} for Servlet applications).
 * What an application gives its browsers so they can subscribe: hub URLs in the hub's dialect,
 * subscriber tokens and the authorization cookie ({@link io.github.mercurejakarta.subscriber.SubscriberAccess}),
 * exposed by the {@link io.github.mercurejakarta.Mercure} bean to Java and to EL ({@code #{mercure.hubUrl('...')}}).
 *
 * <pre>{@code
 * @Inject Mercure mercure;
 *
 * String url = mercure.hubUrl("https://example.com/books/1");     // ?match=... (draft-08) or ?topic=... (draft-07)
 * return mercure.authorizationCookie("https://example.com/books/1")
 *         .applyTo(Response.ok(page)).build();                    // the browser's EventSource sends it
 * }</pre>
 *
 * <p>The hub URL comes from the current JAX-RS request when no {@code mercure.public.hub.url} is set:
 * {@link io.github.mercurejakarta.jaxrs.RequestUrlCapture} records it in a request-scoped bean, because a
 * CDI bean cannot inject {@code @Context UriInfo}.
 */
package io.github.mercurejakarta.subscriber;
