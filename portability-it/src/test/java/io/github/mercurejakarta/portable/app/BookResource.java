package io.github.mercurejakarta.portable.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Fires {@link BookChanged} with plain CDI; the library's {@code @MercureTopic} bridge publishes it. */
@Path("app/books")
@RequestScoped
public class BookResource {

    @Inject
    Event<BookChanged> changes;

    @POST
    public void rename(@FormParam("id") String id, @FormParam("title") String title) {
        changes.fire(new BookChanged(id, title));
    }
}
