package io.github.mercurejakarta.examples.chat;

import io.github.mercurejakarta.Mercure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat's pages: log in (pick a name), a room, log out; and the page's script and styles.
 *
 * <p>Opening a room sets the Mercure authorization cookie: a subscriber token granting the user's own inbox
 * (private messages) and the hub's subscription events (the presence list), with {@code {"user": name}} as
 * its payload, which the hub shows to the other subscribers in those events. The page then subscribes with
 * the browser's {@code EventSource} (credentials on, so the cookie travels to a hub on another port too).
 */
@Path("/")
@RequestScoped
public class ChatPages {

    private static final Map<String, String> ASSETS = Map.of(
            "chat.js", "text/javascript; charset=utf-8",
            "chat.css", "text/css; charset=utf-8");

    @Inject
    Mercure mercure;

    @Inject
    ChatTopics topics;

    @Inject
    PageTemplates pages;

    @GET
    public Response home(@CookieParam(ChatUser.COOKIE) Cookie cookie) {
        return ChatUser.from(cookie).isPresent() ? seeOther(roomPath(topics.rooms().get(0))) : seeOther(URI.create("login"));
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public String loginPage() {
        return pages.render("login.html", Map.of("page", Map.of("error", "")));
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("name") String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!ChatTopics.validName(trimmed)) {
            String page = pages.render("login.html", Map.of("page", Map.of("error",
                    "Pick a name of 1 to 24 letters, digits, '.', '_' or '-', starting with a letter or digit.")));
            return Response.status(Response.Status.BAD_REQUEST).entity(page).type(MediaType.TEXT_HTML).build();
        }
        return Response.seeOther(roomPath(topics.rooms().get(0))).cookie(ChatUser.login(trimmed)).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        // the library's helper: the same cookie name, Path and Domain, empty, Max-Age=0
        return mercure.clearAuthorizationCookie().applyTo(Response.seeOther(URI.create("login")))
                .cookie(ChatUser.logout()).build();
    }

    @GET
    @Path("rooms/{room}")
    @Produces(MediaType.TEXT_HTML)
    public Response room(@PathParam("room") String room, @CookieParam(ChatUser.COOKIE) Cookie cookie) {
        if (!topics.roomExists(room)) {
            throw new NotFoundException("no room " + room);
        }
        Optional<String> user = ChatUser.from(cookie);
        if (user.isEmpty()) {
            return seeOther(URI.create("login"));
        }
        String name = user.get();
        String subscriptionEvents = topics.subscriptionEvents(mercure.hubUrl());
        RoomPage page = new RoomPage(name, room, topics.rooms(), topics.room(room), topics.inbox(name), subscriptionEvents);
        String html = pages.render("room.html", Map.of("page", page));
        return mercure.authorizationCookie(List.of(topics.inbox(name), subscriptionEvents), Map.of("user", name))
                .applyTo(Response.ok(html, MediaType.TEXT_HTML_TYPE))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("assets/{file}")
    public Response asset(@PathParam("file") String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = ChatPages.class.getResourceAsStream("web/" + file)) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI roomPath(String room) {
        return UriBuilder.fromPath("rooms/{room}").build(room);
    }

    private static Response seeOther(URI location) {
        return Response.seeOther(location).build();
    }
}
