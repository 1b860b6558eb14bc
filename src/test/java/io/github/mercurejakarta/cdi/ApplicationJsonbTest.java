package io.github.mercurejakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which JSON-B serialises the application's objects: its own bean, else its JsonbConfig bean, else a default. */
class ApplicationJsonbTest {

    public record Book(long id, String title) {
    }

    /** The application's own Jsonb (one instance, so that a test can check it is still usable). */
    @ApplicationScoped
    public static class OwnJsonb {
        static final Jsonb INSTANCE = JsonbBuilder.create(
                new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE));

        @Produces
        Jsonb jsonb() {
            return INSTANCE;
        }
    }

    @ApplicationScoped
    public static class OwnJsonbConfig {
        @Produces
        JsonbConfig config() {
            return new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE);
        }
    }

    /** A bean that has nothing to do with JSON-B. */
    @ApplicationScoped
    public static class Unrelated {
    }

    private WeldContainer container;

    @AfterEach
    void shutDown() {
        if (container != null) {
            container.shutdown();
        }
    }

    private ApplicationJsonb boot(Class<?>... beans) {
        container = new Weld("jsonb-test-" + System.nanoTime()).disableDiscovery().addBeanClasses(beans).initialize();
        return new ApplicationJsonb(() -> container.select(Object.class));
    }

    @Test
    void theApplicationsJsonbBeanIsUsed() {
        ApplicationJsonb json = boot(OwnJsonb.class);
        assertEquals("{\"Id\":1,\"Title\":\"Dune\"}", json.text(new Book(1, "Dune")), "the bean's naming strategy applies");
    }

    @Test
    void aJsonbIsBuiltFromTheApplicationsJsonbConfigBean() {
        ApplicationJsonb json = boot(OwnJsonbConfig.class);
        assertEquals("{\"Id\":1,\"Title\":\"Dune\"}", json.text(new Book(1, "Dune")), "the config bean's naming strategy applies");
    }

    @Test
    void withoutEitherBeanTheDefaultJsonbIsUsed() {
        assertEquals("{\"id\":1,\"title\":\"Dune\"}", boot(Unrelated.class).text(new Book(1, "Dune")), "default JSON-B");
        assertEquals("{\"id\":1,\"title\":\"Dune\"}", new ApplicationJsonb(() -> null).text(new Book(1, "Dune")),
                "no container: default JSON-B");
    }

    @Test
    void stringsAndNullAreDataAsTheyAre() {
        ApplicationJsonb json = new ApplicationJsonb(() -> null);
        assertEquals("{\"a\":1}", json.text("{\"a\":1}"), "a String is sent as it is");
        assertNull(json.text(null), "null stays null");
    }

    @Test
    void closingLeavesTheApplicationsOwnJsonbOpen() throws Exception {
        ApplicationJsonb json = boot(OwnJsonb.class);
        json.text(new Book(1, "Dune"));
        json.close();
        assertSame(OwnJsonb.INSTANCE, container.select(Jsonb.class).get());
        assertEquals("{\"Id\":2,\"Title\":\"Dune\"}", OwnJsonb.INSTANCE.toJson(new Book(2, "Dune")),
                "the application's Jsonb still works after the library closed its own");
    }
}
