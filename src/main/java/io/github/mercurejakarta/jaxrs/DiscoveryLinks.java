package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.MercureDiscovery;
import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.subscriber.RequestUrls;
import io.github.mercurejakarta.subscriber.SubscriberAccess;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Adds the discovery {@code Link} headers to the responses of resources annotated
 * {@link MercureDiscovery}: {@code <hub URL>; rel="mercure"} (the URL browsers use, as
 * {@code mercure.hubUrl()}), and {@code <request URL>; rel="self"} when asked. CORS preflights are left
 * alone: a preflight answer is not a representation of the resource.
 */
@Provider
@MercureDiscovery
public class DiscoveryLinks implements ContainerResponseFilter {

    @Context
    ResourceInfo resourceInfo;

    /** Dependent and stateless but for its key cache: one for the filter's lifetime. */
    private final Lazy<SubscriberAccess> access = Lazy.of(() -> CDI.current().select(SubscriberAccess.class).get());

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        RequestUrls urls = RequestUrls.of(request.getUriInfo().getBaseUri(), request.getUriInfo().getRequestUri());
        response.getHeaders().add("Link", "<" + access.get().forRequest(urls).hubUrl() + ">; rel=\"mercure\"");
        if (wantsSelf()) {
            response.getHeaders().add("Link", "<" + urls.requestUri() + ">; rel=\"self\"");
        }
    }

    private boolean wantsSelf() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        MercureDiscovery onMethod = method == null ? null : method.getAnnotation(MercureDiscovery.class);
        if (onMethod != null) {
            return onMethod.self();
        }
        // up the hierarchy: the class may be a CDI proxy subclass, and the annotation is not @Inherited
        for (Class<?> type = resourceInfo == null ? null : resourceInfo.getResourceClass(); type != null;
                type = type.getSuperclass()) {
            MercureDiscovery onClass = type.getAnnotation(MercureDiscovery.class);
            if (onClass != null) {
                return onClass.self();
            }
        }
        return false;
    }
}
