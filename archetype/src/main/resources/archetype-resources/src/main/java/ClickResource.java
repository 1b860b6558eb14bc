package ${package};

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /clicks} counts a click and fires a {@link Clicked} CDI event: its {@code @MercureTopic}
 * makes the library publish it, so this class knows nothing of Mercure.
 */
@Path("/clicks")
@ApplicationScoped
public class ClickResource {

    private final AtomicLong total = new AtomicLong();

    @Inject
    Event<Clicked> clicked;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String click() {
        long now = total.incrementAndGet();
        clicked.fire(new Clicked(now));
        return Long.toString(now);
    }
}
