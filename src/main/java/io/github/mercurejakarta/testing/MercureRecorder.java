package io.github.mercurejakarta.testing;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.cdi.ApplicationJsonb;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.HubDialect;
import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.subscriber.SubscriberAccess;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Mercure} that publishes nothing and records every update, for an application's own tests
 * (the counterpart of Symfony's {@code MockHub}): put it where the code under test expects a
 * {@code Mercure}, run the code, assert on what it published.
 *
 * <pre>{@code
 * MercureRecorder mercure = new MercureRecorder();
 * new BookService(mercure).rename(42, "Dune");
 *
 * Update update = mercure.last("https://example.com/books/42").orElseThrow();
 * assertEquals("{\"title\":\"Dune\"}", update.data());
 * assertTrue(update.isPrivate());
 * }</pre>
 *
 * In a CDI test (Weld SE, Arquillian), produce it as the application's {@code Mercure}; the
 * {@code @MercureTopic} event bridge then publishes into it too:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RecordingMercure {
 *     @Produces @Alternative @Priority(1) @ApplicationScoped
 *     MercureRecorder mercure() { return new MercureRecorder(); }
 * }
 * // in the test: @Inject MercureRecorder mercure;  ...  mercure.await(1, Duration.ofSeconds(5));
 * }</pre>
 *
 * Each recorded update carries an id: its own, or a generated {@code urn:uuid:} (the one
 * {@link #publish} returns), so a test can check the id the code under test passed on. Thread-safe:
 * {@link #await} waits for updates published by other threads ({@code fireAsync}, {@code publishAsync}).
 *
 * <p>The subscriber helpers work as the real bean's do, from test settings: the hub URL and subscriber key
 * given to the constructor ({@link #DEFAULT_HUB_URL} and {@link #DEFAULT_SUBSCRIBER_KEY} otherwise), so
 * the URLs, tokens and cookies are real and a test can verify the tokens with that key. Presence is
 * declared by the test: {@link #connect} adds a subscription that {@link #getSubscriptions} and
 * {@link #isConnected} then report, {@link #disconnect} takes it away.
 *
 * <pre>{@code
 * MercureRecorder mercure = new MercureRecorder("https://hub.example.com/.well-known/mercure", "test-key-of-32-bytes-or-more!!!!", 8);
 * mercure.connect("https://example.com/rooms/1", Map.of("user", "alice"));
 * assertTrue(new RoomPage(mercure).showsAliceOnline());
 * assertEquals("https://hub.example.com/.well-known/mercure?match=https://example.com/rooms/1",
 *         mercure.hubUrl("https://example.com/rooms/1"));
 * }</pre>
 */
public class MercureRecorder implements Mercure {

    /** The hub URL of {@link #MercureRecorder()}: {@code assertTrue(url.startsWith(MercureRecorder.DEFAULT_HUB_URL))}. */
    public static final String DEFAULT_HUB_URL = "http://localhost:8080/.well-known/mercure";
    /**
     * The subscriber key of {@link #MercureRecorder()}: its tokens are signed HS256 with this key's UTF-8
     * bytes, so a test can verify them, e.g. with jose4j:
     * {@code new HmacKey(MercureRecorder.DEFAULT_SUBSCRIBER_KEY.getBytes(StandardCharsets.UTF_8))}.
     */
    public static final String DEFAULT_SUBSCRIBER_KEY = "mercure-recorder-subscriber-key-for-tests";

    private final List<Update> updates = new ArrayList<>();
    private final List<ActiveSubscription> subscriptions = new ArrayList<>();
    private final SubscriberAccess helpers;
    private final String hubPath;
    private RuntimeException failure;
    private final ApplicationJsonb json = ApplicationJsonb.ofCurrentContainer();

    /**
     * A recorder whose helpers speak draft-08 for {@link #DEFAULT_HUB_URL}, signing with
     * {@link #DEFAULT_SUBSCRIBER_KEY}.
     *
     * <pre>{@code MercureRecorder mercure = new MercureRecorder();}</pre>
     */
    public MercureRecorder() {
        this(DEFAULT_HUB_URL, DEFAULT_SUBSCRIBER_KEY, 8);
    }

    /**
     * A recorder whose helpers make URLs, tokens and cookies for {@code hubUrl}, as an application
     * configured with these settings would.
     *
     * <pre>{@code new MercureRecorder("https://hub.example.com/.well-known/mercure", System.getenv("TEST_KEY"), 7)}</pre>
     *
     * @param hubUrl          the hub URL browsers use ({@code mercure.public.hub.url})
     * @param subscriberKey   the key subscriber tokens are signed with ({@code mercure.subscriber.secret.key}):
     *                        an HMAC secret of at least 32 bytes or a PEM private key
     * @param protocolVersion 7 or 8 ({@code mercure.protocol.version})
     * @throws io.github.mercurejakarta.exceptions.ConfigurationException for a value the application
     *     would refuse too
     */
    public MercureRecorder(String hubUrl, String subscriberKey, int protocolVersion) {
        MercureConfig config = MercureConfig.of(Map.of(
                MercureConfig.Key.PUBLIC_HUB_URL.key(), Objects.requireNonNull(hubUrl, "hubUrl"),
                MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key(), Objects.requireNonNull(subscriberKey, "subscriberKey"),
                MercureConfig.Key.PROTOCOL_VERSION.key(), String.valueOf(protocolVersion)));
        this.helpers = new SubscriberAccess(config, HubDialect.configured(config), Optional::empty, null, new TokenFactory());
        this.hubPath = URI.create(hubUrl).getRawPath();
    }

    /**
     * Records {@code update} (with its id, or a generated one) and returns the id; or, after
     * {@link #failWith}, throws that exception and records nothing.
     *
     * <pre>{@code String id = mercure.publish(Update.of("https://example.com/books/1", "{}"));   // urn:uuid:...}</pre>
     *
     * @param update the update to record
     * @return its id
     */
    @Override
    public String publish(Update update) {
        Objects.requireNonNull(update, "update");
        synchronized (updates) {
            if (failure != null) {
                throw failure;
            }
            Update recorded = update.id() != null ? update : update.toBuilder().id("urn:uuid:" + UUID.randomUUID()).build();
            updates.add(recorded);
            updates.notifyAll();
            return recorded.id();
        }
    }

    /**
     * Like {@link #publish}: completed at once, or failed after {@link #failWith}.
     *
     * <pre>{@code mercure.publishAsync(update).toCompletableFuture().join();}</pre>
     *
     * @param update the update to record
     * @return a stage completed with its id, or failed with the {@link #failWith} exception
     */
    @Override
    public CompletionStage<String> publishAsync(Update update) {
        try {
            return CompletableFuture.completedFuture(publish(update));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Builds the update {@code publish(topic, data)} records: a String as is, anything else as JSON-B, with
     * the application's {@code Jsonb} or {@code JsonbConfig} bean when the recorder runs in a CDI
     * container (as {@code mercure.publish} does in production), else a default {@code Jsonb}.
     *
     * <pre>{@code assertEquals("{\"id\":1}", mercure.update("books", new Book(1)).data());}</pre>
     *
     * @param topic the topic
     * @param data  a String, or an object to serialise with JSON-B
     * @return the update, not recorded
     */
    @Override
    public Update update(String topic, Object data) {
        return Update.of(topic, json.text(data));
    }

    /**
     * What the code under test published: {@code assertEquals(2, mercure.updates().size())}.
     *
     * @return every update recorded so far, oldest first (a copy)
     */
    public List<Update> updates() {
        synchronized (updates) {
            return List.copyOf(updates);
        }
    }

    /**
     * What was published on one topic: {@code mercure.updates("https://example.com/books/1").get(0).data()}.
     *
     * @param topic a topic, compared exactly (no selectors)
     * @return the updates having {@code topic} among their topics (canonical or alternate), oldest first
     */
    public List<Update> updates(String topic) {
        return updates().stream().filter(u -> u.topics().contains(topic)).toList();
    }

    /**
     * The latest update: {@code mercure.last().orElseThrow().topic()}.
     *
     * @return the latest update recorded, if any
     */
    public Optional<Update> last() {
        List<Update> all = updates();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The latest update on one topic: {@code assertTrue(mercure.last("https://example.com/books/1").isPresent())}.
     *
     * @param topic a topic, compared exactly (no selectors)
     * @return the latest update having {@code topic} among its topics, if any
     */
    public Optional<Update> last(String topic) {
        List<Update> matching = updates(topic);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    /**
     * Waits until at least {@code count} updates are recorded (in all, since the last {@link #clear}), for
     * code that publishes from another thread ({@code fireAsync}, {@code publishAsync}, a scheduler).
     *
     * <pre>{@code
     * events.fireAsync(new BookChanged(1, "Dune"));
     * mercure.await(1, Duration.ofSeconds(5));
     * }</pre>
     *
     * @param count   the number of updates to wait for
     * @param timeout how long to wait at most
     *
     * @return the updates recorded then
     * @throws AssertionError when fewer arrived within {@code timeout} (the message lists those that did)
     */
    public List<Update> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (updates) {
            while (updates.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " Mercure update(s) within " + timeout + ", got "
                            + updates.size() + ": " + updates);
                }
                try {
                    updates.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for Mercure updates", e);
                }
            }
            return List.copyOf(updates);
        }
    }

    /**
     * Makes every later publish throw {@code exception} (e.g. a {@code HubUnreachableException}), to test
     * how the code under test handles a failing hub; {@code null} publishes normally again.
     *
     * <pre>{@code
     * mercure.failWith(new HubUnreachableException("down", MercureRecorder.DEFAULT_HUB_URL, null));
     * assertThrows(HubUnavailableException.class, () -> service.rename(42, "Dune"));
     * }</pre>
     *
     * @param exception what publishing throws from now on, or null
     */
    public void failWith(RuntimeException exception) {
        synchronized (updates) {
            failure = exception;
        }
    }

    /**
     * Forgets the recorded updates (and any {@link #failWith} exception); the declared subscriptions stay.
     * Call it between tests that share a recorder: {@code @BeforeEach void reset() { mercure.clear(); }}.
     */
    public void clear() {
        synchronized (updates) {
            updates.clear();
            failure = null;
        }
    }

    // ---- subscriber helpers: computed from the settings given to the constructor ----

    @Override
    public String hubUrl(Collection<String> topics) {
        return helpers.hubUrl(topics);
    }

    @Override
    public String subscriberToken(Collection<String> topics, Map<String, ?> payload) {
        return helpers.subscriberToken(topics, payload);
    }

    @Override
    public String authenticatedHubUrl(Collection<String> topics) {
        return helpers.authenticatedHubUrl(topics, null);
    }

    @Override
    public AuthorizationCookie authorizationCookie(Collection<String> topics, Map<String, ?> payload) {
        return helpers.authorizationCookie(topics, payload);
    }

    @Override
    public AuthorizationCookie authorizationCookieWithToken(String token) {
        return helpers.authorizationCookie(token);
    }

    @Override
    public AuthorizationCookie clearAuthorizationCookie() {
        return helpers.clearAuthorizationCookie();
    }

    // ---- presence: declared by the test ----

    /**
     * Declares a connected subscriber (a new {@code urn:uuid:} connection) subscribed to {@code topic}
     * with {@code payload}, as its token would attach it.
     *
     * <pre>{@code
     * mercure.connect("https://example.com/rooms/1", Map.of("user", "alice"));
     * mercure.isConnected("https://example.com/rooms/1", Map.of("user", "alice"));   // true
     * }</pre>
     *
     * @param topic   the selector, as the subscriber would give it
     * @param payload JSON values (Map, List, String, Number, Boolean), or null
     * @return the subscription, whose {@link ActiveSubscription#subscriber()} {@link #disconnect} takes
     */
    public ActiveSubscription connect(String topic, Object payload) {
        Objects.requireNonNull(topic, "topic");
        String subscriber = "urn:uuid:" + UUID.randomUUID();
        Dialect dialect = helpers.dialect();
        String id = dialect == Dialect.DRAFT_08
                ? SubscriptionTopics.draft08(hubPath, "exact", topic, subscriber)
                : SubscriptionTopics.draft07(hubPath, topic, subscriber);
        ActiveSubscription s = new ActiveSubscription(id, dialect.version(), dialect == Dialect.DRAFT_08 ? "exact" : null, topic,
                subscriber, true, payload);
        synchronized (subscriptions) {
            subscriptions.add(s);
        }
        return s;
    }

    /**
     * Ends every subscription of the connection {@code subscriber} (an {@link ActiveSubscription#subscriber()}).
     *
     * <pre>{@code mercure.disconnect(mercure.connect("https://example.com/rooms/1", null).subscriber());}</pre>
     *
     * @param subscriber the connection's IRI ({@code urn:uuid:...})
     * @return true when it had any
     */
    public boolean disconnect(String subscriber) {
        synchronized (subscriptions) {
            return subscriptions.removeIf(s -> s.subscriber().equals(subscriber));
        }
    }

    /** Ends every declared subscription: {@code mercure.disconnectAll()}. */
    public void disconnectAll() {
        synchronized (subscriptions) {
            subscriptions.clear();
        }
    }

    /**
     * The declared subscriptions whose selector is exactly {@code topic}, or all of them for null or empty,
     * in the order they were declared: {@code mercure.getSubscriptions("https://example.com/rooms/1").size()}.
     */
    @Override
    public List<ActiveSubscription> getSubscriptions(String topic) {
        synchronized (subscriptions) {
            return subscriptions.stream().filter(s -> topic == null || topic.isEmpty() || topic.equals(s.match())).toList();
        }
    }
}
