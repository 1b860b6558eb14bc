package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.MercureTopic;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.cdi.TopicEvents.Book;
import io.github.mercurejakarta.cdi.TopicEvents.BookChanged;
import io.github.mercurejakarta.cdi.TopicEvents.ChatMessage;
import io.github.mercurejakarta.cdi.TopicEvents.ItemMoved;
import io.github.mercurejakarta.cdi.TopicEvents.OrderPlaced;
import io.github.mercurejakarta.cdi.TopicEvents.Shop;
import io.github.mercurejakarta.cdi.TopicEvents.UserSeen;
import io.github.mercurejakarta.exceptions.HubUnreachableException;
import io.github.mercurejakarta.exceptions.MercureException;
import io.github.mercurejakarta.testing.MercureRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The @MercureTopic bridge in a real CDI container (Weld SE, discovery off, beans added one by one),
 * publishing into a {@link MercureRecorder} produced as the application's Mercure.
 */
class MercureTopicBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private WeldContainer container;
    private TestTransactions transactions;

    @BeforeEach
    void baseConfig() {
        TestConfigSource.VALUES.clear();
        TestConfigSource.VALUES.put("test.base.url", "https://shop.example");
    }

    @AfterEach
    void shutDown() {
        if (container != null) {
            container.shutdown();
        }
        TestConfigSource.VALUES.clear();
    }

    private WeldContainer boot(Class<?>... beans) {
        transactions = new TestTransactions();
        container = new Weld("bridge-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(beans)
                .addServices(transactions)
                .addExtension(new MercureTopicExtension())
                .initialize();
        return container;
    }

    private Shop shop() {
        if (container == null) {
            boot(Shop.class, TopicEvents.RecordingMercure.class);
        }
        return container.select(Shop.class).get();
    }

    private MercureRecorder recorder() {
        return container.select(MercureRecorder.class).get();
    }

    @Test
    void anEventOfAnAnnotatedClassIsPublishedOnItsTopicAsJson() {
        shop().bookChanges.fire(new BookChanged(42, "Dune"));
        Update u = recorder().last().orElseThrow(() -> new AssertionError("the event was published"));
        assertEquals("https://example.com/books/42", u.topic());
        assertEquals("{\"id\":42,\"title\":\"Dune\"}", u.data(), "the data is the event in JSON-B");
        assertFalse(u.isPrivate());
        assertNull(u.type());
        assertNull(u.retry());
    }

    @Test
    void annotationMembersBecomeTheUpdatesFields() {
        shop().chat.fire(new ChatMessage("lobby", "hi"));
        Update u = recorder().last().orElseThrow();
        assertEquals("chat/lobby", u.topic());
        assertEquals("chat-message", u.type());
        assertTrue(u.isPrivate());
        assertEquals(3000L, u.retry());
    }

    @Test
    void placeholderValuesArePercentEncodedLikeUriTemplateVariables() {
        shop().chat.fire(new ChatMessage("a/b c?é", "x"));
        assertEquals("chat/a%2Fb%20c%3F%C3%A9", recorder().last().orElseThrow().topic(),
                "a value stays one path segment");
    }

    @Test
    void reservedExpansionKeepsSlashesAndConfigPlaceholdersAreResolved() {
        shop().items.fire(new ItemMoved("shelf/3/a b"));
        assertEquals("https://shop.example/items/shelf/3/a%20b", recorder().last().orElseThrow().topic());
    }

    @Test
    void gettersOfJavaBeanEventsFillPlaceholders() {
        shop().users.fire(new UserSeen("u7"));
        assertEquals("users/u7/true", recorder().last().orElseThrow().topic());
    }

    @Test
    void aQualifiedFiringPointPublishesItsEvents() {
        shop().books.fire(new Book(7, "Emma"));
        Update u = recorder().last().orElseThrow();
        assertEquals("https://example.com/library/7", u.topic());
        assertEquals("book", u.type());
    }

    @Test
    void theQualifierWinsOverTheClassAnnotation() {
        shop().overriddenBookChanges.fire(new BookChanged(1, "x"));
        List<Update> all = recorder().updates();
        assertEquals(1, all.size(), "published once, not once per annotation: " + all);
        assertEquals("https://example.com/override/1", all.get(0).topic());
    }

    @Test
    void aLiteralSelectedAtRunTimePublishes() {
        shop().anything.select(MercureTopic.Literal.of("rooms/{room}")).fire(new ChatMessage("r1", "t"));
        assertEquals("rooms/r1", recorder().last().orElseThrow().topic());
    }

    @Test
    void anEventFiredAsObjectIsPublishedThroughItsClassAnnotation() {
        shop().anything.fire(new BookChanged(5, "t"));
        assertEquals("https://example.com/books/5", recorder().last().orElseThrow().topic());
    }

    @Test
    void unannotatedEventsAreNotPublished() {
        shop().anything.fire(new Book(1, "plain"));
        shop().anything.fire("a string");
        assertTrue(recorder().updates().isEmpty(), "no @MercureTopic, no update");
    }

    @Test
    void fireAsyncPublishes() throws Exception {
        shop().bookChanges.fireAsync(new BookChanged(9, "async")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("https://example.com/books/9", recorder().await(1, WAIT).get(0).topic());
    }

    @Test
    void aHubFailureReachesTheCallerOfFire() {
        Shop shop = shop();
        recorder().failWith(new HubUnreachableException("down", "http://hub", null));
        Exception e = assertThrows(Exception.class, () -> shop.bookChanges.fire(new BookChanged(1, "x")));
        assertCausedBy(HubUnreachableException.class, e);
    }

    @Test
    void aHubFailureFailsTheStageOfFireAsync() {
        Shop shop = shop();
        recorder().failWith(new HubUnreachableException("down", "http://hub", null));
        Exception e = assertThrows(Exception.class,
                () -> shop.bookChanges.fireAsync(new BookChanged(1, "x")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertCausedBy(HubUnreachableException.class, e);
    }

    @Test
    void configurationOverridesTheAnnotation() {
        String prefix = "mercure.topic." + ChatMessage.class.getName() + ".";
        TestConfigSource.VALUES.put(prefix + "topic", "https://chat.example/{room}");
        TestConfigSource.VALUES.put(prefix + "type", "msg");
        TestConfigSource.VALUES.put(prefix + "private", "false");
        TestConfigSource.VALUES.put(prefix + "retry", "10");
        shop().chat.fire(new ChatMessage("r", "t"));
        Update u = recorder().last().orElseThrow();
        assertEquals("https://chat.example/r", u.topic());
        assertEquals("msg", u.type());
        assertFalse(u.isPrivate());
        assertEquals(10L, u.retry());
    }

    @Test
    void theApplicationsJsonbBeanSerialisesEvents() {
        boot(Shop.class, TopicEvents.RecordingMercure.class, UpperCaseJsonb.class);
        shop().bookChanges.fire(new BookChanged(1, "Dune"));
        assertEquals("{\"Id\":1,\"Title\":\"Dune\"}", recorder().last().orElseThrow().data());
    }

    @Test
    void theRecorderSerialisesPublishedObjectsWithTheApplicationsJsonbToo() {
        boot(Shop.class, TopicEvents.RecordingMercure.class, UpperCaseJsonb.class);
        recorder().publish("https://example.com/books/1", new BookChanged(1, "Dune"));
        assertEquals("{\"Id\":1,\"Title\":\"Dune\"}", recorder().last().orElseThrow().data(),
                "mercure.publish(topic, object) and @MercureTopic events give the same JSON");
    }

    @Test
    void afterCommitPublishesOnlyOnceTheTransactionCommits() {
        Shop shop = shop();
        transactions.begin();
        shop.orders.fire(new OrderPlaced("o1"));
        assertTrue(recorder().updates().isEmpty(), "nothing is pushed while the transaction is open");
        transactions.commit();
        assertEquals("orders/o1", recorder().last().orElseThrow().topic());
    }

    @Test
    void afterCommitPublishesNothingOnRollback() {
        Shop shop = shop();
        transactions.begin();
        shop.orders.fire(new OrderPlaced("o2"));
        shop.committedBooks.fire(new Book(3, "t"));
        transactions.rollback();
        assertTrue(recorder().updates().isEmpty(), "a rolled-back change is never pushed: " + recorder().updates());
    }

    @Test
    void afterCommitOnAQualifiedFiringPointWaitsForTheCommit() {
        Shop shop = shop();
        transactions.begin();
        shop.committedBooks.fire(new Book(3, "t"));
        assertTrue(recorder().updates().isEmpty());
        transactions.commit();
        assertEquals("https://example.com/committed/3", recorder().last().orElseThrow().topic());
    }

    @Test
    void afterCommitWithoutATransactionPublishesAtOnce() {
        shop().orders.fire(new OrderPlaced("o3"));
        assertEquals("orders/o3", recorder().last().orElseThrow().topic());
    }

    @Test
    void afterCommitEventsFiredAsynchronouslyFailInsteadOfPublishingUnguarded() {
        Shop shop = shop();
        Exception e = assertThrows(Exception.class,
                () -> shop.orders.fireAsync(new OrderPlaced("o4")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()).contains("fireAsync"), "the failure says why: " + e.getCause());
        assertTrue(recorder().updates().isEmpty());
    }

    @Test
    void aPlaceholderNamingAMissingPropertyFailsTheDeploymentNamingTheClass() {
        assertDeploymentFails(BrokenTopicEvents.NoSuchProperty.class.getName(), "isbn", BrokenTopicEvents.FiresNoSuchProperty.class);
    }

    @Test
    void aClassJsonbCannotSerialiseFailsTheDeploymentNamingTheClass() {
        assertDeploymentFails(BrokenTopicEvents.class.getName() + "$NotPublic", "not public", BrokenTopicEvents.FiresNotPublic.class);
    }

    @Test
    void aMissingConfigKeyInATopicFailsTheDeployment() {
        assertDeploymentFails(BrokenTopicEvents.MissingConfigKey.class.getName(), "no.such.key", BrokenTopicEvents.FiresMissingConfigKey.class);
    }

    @Test
    void aQualifierNamingAMissingPropertyFailsTheDeploymentNamingTheFiringPoint() {
        assertDeploymentFails(BrokenTopicEvents.QualifierNamesAMissingProperty.class.getName() + ".events", "title",
                BrokenTopicEvents.QualifierNamesAMissingProperty.class);
    }

    @Test
    void aBadOverrideFailsTheDeploymentNamingTheKey() {
        String key = "mercure.topic." + ChatMessage.class.getName() + ".retry";
        TestConfigSource.VALUES.put(key, "soon");
        assertDeploymentFails(key, "soon", Shop.class, TopicEvents.RecordingMercure.class);
    }

    private void assertDeploymentFails(String named, String because, Class<?>... beans) {
        Exception e = assertThrows(Exception.class, () -> boot(beans), "the deployment fails");
        container = null;
        String message = messages(e);
        assertTrue(message.contains(named) && message.contains(because),
                "the deployment error names " + named + " and says " + because + ": " + message);
    }

    /** Weld wraps what an observer throws in an ObserverException: look down the chain. */
    private static <T extends Throwable> T assertCausedBy(Class<T> type, Throwable thrown) {
        for (Throwable c = thrown; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " in the causes of " + thrown, thrown);
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" / ");
        }
        return b.toString();
    }

    /** An application that configures its own JSON-B. */
    @ApplicationScoped
    public static class UpperCaseJsonb {
        @Produces
        @ApplicationScoped
        Jsonb jsonb() {
            return JsonbBuilder.create(new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE));
        }
    }

    @Test
    void exceptionsOfTheBridgeAreMercureExceptions() {
        Shop shop = shop();
        // Literal naming a property the event lacks: found at the first event, as a MercureException
        MercureException e = assertCausedBy(MercureException.class, assertThrows(Exception.class,
                () -> shop.anything.select(MercureTopic.Literal.of("x/{nope}")).fire(new Book(1, "t"))));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(Book.class.getName()), e.getMessage());
    }
}
