package io.github.mercurejakarta.examples.chat;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The page's API: say something in a room (a CDI event that the library publishes), send a private
 * message (published with {@code @Inject Mercure} as a private update), and who is in a room (the hub's
 * active subscriptions).
 */
@Path("api")
@RequestScoped
public class ChatResource {

    static final int MAX_TEXT = 500;

    @Inject
    Mercure mercure;

    @Inject
    Event<ChatMessage> messages;

    @Inject
    ChatTopics topics;

    @POST
    @Path("rooms/{room}/messages")
    public Response say(@PathParam("room") String room, @FormParam("text") String text,
            @CookieParam(ChatUser.COOKIE) Cookie cookie) {
        String from = user(cookie);
        if (!topics.roomExists(room)) {
            throw new NotFoundException("no room " + room);
        }
        String checked = text(text);
        if (checked == null) {
            return badText();
        }
        // published by the library's @MercureTopic bridge before fire() returns
        messages.fire(new ChatMessage(room, from, checked, now()));
        return Response.noContent().build();
    }

    @POST
    @Path("users/{to}/messages")
    public Response whisper(@PathParam("to") String to, @FormParam("text") String text,
            @CookieParam(ChatUser.COOKIE) Cookie cookie) {
        String from = user(cookie);
        String checked = text(text);
        if (checked == null) {
            return badText();
        }
        if (!ChatTopics.validName(to) || !mercure.isConnected(topics.inbox(to), Map.of("user", to))) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.TEXT_PLAIN)
                    .entity(to + " is not online").build();
        }
        PrivateMessage message = new PrivateMessage(from, to, checked, now());
        // private: only subscribers whose token grants one of the two inboxes receive it
        mercure.publish(Update.builder()
                .topics(topics.inbox(to), topics.inbox(from))
                .data(json(message))
                .type("private-message")
                .privateUpdate(true)
                .build());
        return Response.noContent().build();
    }

    /** @return the connections subscribed to the room, from the hub's subscriptions (embedded or external) */
    @GET
    @Path("rooms/{room}/presence")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Presence> presence(@PathParam("room") String room, @CookieParam(ChatUser.COOKIE) Cookie cookie) {
        user(cookie);
        if (!topics.roomExists(room)) {
            throw new NotFoundException("no room " + room);
        }
        return mercure.getSubscriptions(topics.room(room)).stream()
                .filter(ActiveSubscription::active)
                .filter(s -> s.payload() instanceof Map<?, ?> p && p.get("user") instanceof String)
                .map(s -> new Presence(s.subscriber(), (String) ((Map<?, ?>) s.payload()).get("user")))
                .toList();
    }

    private static String user(Cookie cookie) {
        return ChatUser.from(cookie).orElseThrow(() -> new NotAuthorizedException("log in first", "chatUser"));
    }

    private static String text(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() || t.length() > MAX_TEXT ? null : t;
    }

    private static Response badText() {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                .entity("a message is 1 to " + MAX_TEXT + " characters").build();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String json(PrivateMessage message) {
        // the Mercure bean serialises with JSON-B, as for publish(topic, object)
        return mercure.update(topics.inbox(message.to()), message).data();
    }
}
