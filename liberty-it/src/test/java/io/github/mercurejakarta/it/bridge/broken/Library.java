package io.github.mercurejakarta.it.bridge.broken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Fires {@link BookWithoutIsbn}: its injection point is how CDI reports the (non-bean) event record. */
@ApplicationScoped
public class Library {
    @Inject
    Event<BookWithoutIsbn> books;
}
