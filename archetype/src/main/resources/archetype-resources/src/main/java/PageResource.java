package ${package};

import io.github.mercurejakarta.Mercure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The page at {@code /}: {@code index.html} with the URL it subscribes to, made by {@code mercure.hubUrl}
 * (the hub's address as this request reached it, the topics encoded in the query the hub's protocol
 * draft expects).
 */
@Path("/")
@RequestScoped
public class PageResource {

    @Inject
    Mercure mercure;

    @Inject
    @ConfigProperty(name = "hello.topic")
    String topic;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        String hubUrl = mercure.hubUrl(List.of(topic + "/greetings", topic + "/clicks"));
        return template().replace("{{hubUrl}}", hubUrl);
    }

    private static String template() {
        try (InputStream in = PageResource.class.getResourceAsStream("/pages/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
