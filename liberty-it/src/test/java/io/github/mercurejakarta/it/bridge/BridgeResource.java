package io.github.mercurejakarta.it.bridge;

import io.github.mercurejakarta.MercureTopic;
import io.github.mercurejakarta.it.bridge.BridgeEvents.BookChanged;
import io.github.mercurejakarta.it.bridge.BridgeEvents.Note;
import io.github.mercurejakarta.it.bridge.BridgeEvents.OrderPlaced;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.transaction.UserTransaction;

import java.util.concurrent.TimeUnit;

/** Fires CDI events in a request, as an application would; the bridge publishes them. */
@Path("/events")
@RequestScoped
public class BridgeResource {

    @Inject
    Event<BookChanged> books;

    @Inject
    Event<OrderPlaced> orders;

    @Inject
    @MercureTopic(value = "https://example.com/notes/{id}", privateUpdate = false, type = "note")
    Event<Note> notes;

    @Resource
    UserTransaction transaction;

    @POST
    @Path("book")
    @Produces(MediaType.TEXT_PLAIN)
    public String book(@FormParam("id") String id, @FormParam("title") String title) {
        books.fire(new BookChanged(id, title));
        return "fired";
    }

    @POST
    @Path("book-async")
    @Produces(MediaType.TEXT_PLAIN)
    public String bookAsync(@FormParam("id") String id, @FormParam("title") String title) throws Exception {
        books.fireAsync(new BookChanged(id, title)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "fired";
    }

    @POST
    @Path("note")
    @Produces(MediaType.TEXT_PLAIN)
    public String note(@FormParam("id") String id, @FormParam("text") String text) {
        notes.fire(new Note(id, text));
        return "fired";
    }

    /** Fires an afterCommit event in a transaction that then commits or rolls back. */
    @POST
    @Path("order")
    @Produces(MediaType.TEXT_PLAIN)
    public String order(@FormParam("id") String id, @FormParam("outcome") String outcome) throws Exception {
        transaction.begin();
        orders.fire(new OrderPlaced(id, outcome));
        if ("commit".equals(outcome)) {
            transaction.commit();
        } else {
            transaction.rollback();
        }
        return outcome;
    }
}
