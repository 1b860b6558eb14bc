package io.github.mercurejakarta.it.app;

import io.github.mercurejakarta.Mercure;
import jakarta.el.ELProcessor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * A test application's page-like endpoints using the subscriber helpers as an application would: the hub
 * URL, a subscriber token, the authorization cookie, and the same through EL with the bean named
 * {@code mercure}.
 */
@Path("helpers")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class HelpersResource {

    @Inject
    Mercure mercure;

    @Inject
    BeanManager beanManager;

    @GET
    @Path("hub-url")
    public String hubUrl(@QueryParam("topic") List<String> topics) {
        return mercure.hubUrl(topics);
    }

    @GET
    @Path("token")
    public String token(@QueryParam("topic") List<String> topics) {
        return mercure.subscriberToken(topics);
    }

    @GET
    @Path("authenticated-hub-url")
    public String authenticatedHubUrl(@QueryParam("topic") List<String> topics) {
        return mercure.authenticatedHubUrl(topics);
    }

    /** Answers the hub URL and sets the cookie for the topics (all topics when none), as a page would. */
    @GET
    @Path("cookie")
    public Response cookie(@QueryParam("topic") List<String> topics) {
        return mercure.authorizationCookie(topics, null).applyTo(Response.ok(mercure.hubUrl(topics))).build();
    }

    @GET
    @Path("new-cookie")
    public Response newCookie() {
        return Response.ok().cookie(mercure.authorizationCookie().toNewCookie()).build();
    }

    @GET
    @Path("logout")
    public Response logout() {
        return mercure.clearAuthorizationCookie().applyTo(Response.noContent()).build();
    }

    /** Evaluates {@code expression} with the CDI ELResolver, as a Faces or JSP page resolves {@code #{mercure...}}. */
    @GET
    @Path("el")
    public String el(@QueryParam("expression") String expression) {
        ELProcessor el = new ELProcessor();
        el.getELManager().addELResolver(beanManager.getELResolver());
        Object value = el.eval(expression); // not inlined: String.valueOf(el.eval(..)) infers valueOf(char[])
        return String.valueOf(value);
    }
}
