package io.github.mercurejakarta;

import jakarta.json.bind.Jsonb;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A Java service subscribed to a Mercure hub: the embedded hub of an application, the standalone hub, or
 * any Mercure hub of either draft, over HTTP/1.1 (default) or HTTP/2. It opens the hub's event stream, parses it
 * (the WHATWG EventSource rules), and hands the updates to one {@link Flow.Subscriber} as that subscriber
 * asks for them.
 *
 * <pre>{@code
 * MercureSubscriber subscriber = MercureSubscriber.builder(URI.create("https://hub.example.com/.well-known/mercure"))
 *         .topics("https://example.com/books/{id}")
 *         .token(() -> tokens.mintSubscriberToken())      // asked again before each token's exp
 *         .build();
 * subscriber.subscribe(new Flow.Subscriber<>() {
 *     Flow.Subscription s;
 *     public void onSubscribe(Flow.Subscription s) { this.s = s; s.request(16); }
 *     public void onNext(ReceivedUpdate u) { handle(u.data(Book.class)); s.request(1); }
 *     public void onError(Throwable t) { log.error("subscription refused", t); }
 *     public void onComplete() { }
 * });
 * ...
 * subscriber.close();
 * }</pre>
 *
 * <p>What it does for its consumer:
 * <ul>
 *   <li><b>reconnection</b>: when the stream ends or the hub cannot be reached, it reconnects after the
 *       hub's {@code retry} (or {@link Builder#reconnectDelay}), doubling the delay while the hub stays
 *       unreachable, up to {@link Builder#maxReconnectDelay}, each delay with random jitter; each
 *       reconnection sends {@code Last-Event-ID} (the last update received, else the position the hub
 *       announced when the stream opened), so the hub sends what was missed;</li>
 *   <li><b>tokens</b>: the {@link Builder#token(Supplier) supplier} is asked at each connection; when the
 *       token has an {@code exp}, the subscriber reconnects with a fresh one before it expires (the hub
 *       would close the stream at {@code exp}), resuming from the last update;</li>
 *   <li><b>backpressure</b>: at most {@link Builder#bufferSize} updates wait for the consumer; once that
 *       many wait, the subscriber stops reading the connection, so a consumer that stops asking costs
 *       bounded memory: the hub then finds the stream blocked and drops it (its subscriber queue bound or
 *       dispatch timeout), and when the consumer asks again the subscriber reconnects and resumes from the
 *       last update it received, nothing lost as long as the hub still has it in its history;</li>
 *   <li><b>refusals</b>: a hub that refuses the subscription (400, 401, 403, 404, any other 4xx but 429,
 *       or a 200 that is not an event stream) ends it with
 *       {@link io.github.mercurejakarta.exceptions.SubscriptionRefusedException} through {@code onError};
 *       429 and 5xx are retried like an unreachable hub, and 404 too with {@link Builder#retryNotFound}.</li>
 * </ul>
 *
 * <p>One consumer per subscriber: a second {@link #subscribe} gets {@code onError(IllegalStateException)}.
 * The stream is opened at {@link #subscribe}. Updates are signalled on the HTTP client's threads (or the
 * thread that calls {@code request}), one at a time. Thread-safe.
 */
public interface MercureSubscriber extends Flow.Publisher<ReceivedUpdate>, AutoCloseable {

    /**
     * A builder for a subscriber to {@code hubUrl}.
     *
     * <pre>{@code MercureSubscriber.builder(URI.create("http://localhost:3000/.well-known/mercure")).topics("*").build()}</pre>
     *
     * @param hubUrl the hub's URL, e.g. {@code https://example.com/.well-known/mercure}
     * @return a builder; at least one selector is needed
     * @throws IllegalStateException when no implementation is on the class path (the library jar is missing)
     */
    static Builder builder(URI hubUrl) {
        for (Provider p : ServiceLoader.load(Provider.class, MercureSubscriber.class.getClassLoader())) {
            return p.builder(hubUrl);
        }
        throw new IllegalStateException("no " + Provider.class.getName() + " found: is the mercure-jakarta jar on the class path?");
    }

    /**
     * Opens the stream and hands its updates to {@code subscriber} as it requests them. Once only.
     *
     * <pre>{@code subscriber.subscribe(consumer);}</pre>
     */
    @Override
    void subscribe(Flow.Subscriber<? super ReceivedUpdate> subscriber);

    /**
     * @return the id of the last update handed to the consumer, if any: what to give
     *     {@link Builder#lastEventId} to resume after a restart of the application:
     *     {@code store.save(subscriber.lastEventId().orElse(null))}
     */
    Optional<String> lastEventId();

    /**
     * Closes the stream, cancels any reconnection, drops the updates still waiting and signals
     * {@code onComplete}. Idempotent.
     *
     * <pre>{@code try (MercureSubscriber s = builder.build()) { ... }}</pre>
     */
    @Override
    void close();

    /**
     * The settings of a subscriber. Selectors of one draft only: {@link #topics} (draft-07, {@code topic=})
     * or {@link #match} / {@link #urlPatterns} (draft-08), as the hub speaks them.
     *
     * <pre>{@code
     * MercureSubscriber s = MercureSubscriber.builder(hub)
     *         .match("https://example.com/rooms/lobby")
     *         .token(jwt)
     *         .bufferSize(64)
     *         .build();
     * }</pre>
     */
    interface Builder {

        /**
         * Draft-07 selectors ({@code topic=}): topics, URI templates or {@code *}.
         *
         * <pre>{@code .topics("https://example.com/books/{id}")}</pre>
         *
         * @param selectors one or more
         * @return this builder
         */
        Builder topics(String... selectors);

        /**
         * Draft-08 exact topics ({@code match=}).
         *
         * <pre>{@code .match("https://example.com/books/1")}</pre>
         *
         * @param topics one or more
         * @return this builder
         */
        Builder match(String... topics);

        /**
         * Draft-08 WHATWG URL Patterns ({@code match_urlpattern=}).
         *
         * <pre>{@code .urlPatterns("https://example.com/books/:id")}</pre>
         *
         * @param patterns one or more
         * @return this builder
         */
        Builder urlPatterns(String... patterns);

        /**
         * A fixed subscriber token (sent as {@code Authorization: Bearer}); none by default (anonymous).
         *
         * <pre>{@code .token(System.getenv("MERCURE_SUBSCRIBER_JWT"))}</pre>
         *
         * @param jwt the token
         * @return this builder
         */
        Builder token(String jwt);

        /**
         * Where tokens come from: asked at each connection, and before the current token's {@code exp}
         * (the subscriber then reconnects with the new token and resumes where it was). An exception from
         * the supplier counts as a failed connection (retried with backoff). A 401 is retried once with a
         * new token (one can expire on its way to a slow hub); a second 401 in a row ends the subscription.
         *
         * <pre>{@code .token(() -> tokenService.subscriberToken(Duration.ofMinutes(5)))}</pre>
         *
         * @param tokens the supplier
         * @return this builder
         */
        Builder token(Supplier<String> tokens);

        /**
         * Start after this update: sent as {@code Last-Event-ID} on the first connection
         * ({@code earliest}: everything the hub keeps).
         *
         * <pre>{@code .lastEventId(store.lastSeen())}</pre>
         *
         * @param id an update id, or null for none
         * @return this builder
         */
        Builder lastEventId(String id);

        /**
         * How many received updates may wait for the consumer (default 256); beyond that the subscriber
         * stops reading the connection.
         *
         * <pre>{@code .bufferSize(64)}</pre>
         *
         * @param updates at least 1
         * @return this builder
         */
        Builder bufferSize(int updates);

        /**
         * The longest event accepted, in characters (default 16 MiB); a longer one fails the connection.
         *
         * <pre>{@code .maxEventSize(1 << 20)}</pre>
         *
         * @param chars at least 1
         * @return this builder
         */
        Builder maxEventSize(int chars);

        /**
         * The delay before reconnecting while the hub has not said otherwise with {@code retry} (default 3 s);
         * also the first delay of the backoff when the hub is unreachable.
         *
         * <pre>{@code .reconnectDelay(Duration.ofMillis(500))}</pre>
         *
         * @param delay positive
         * @return this builder
         */
        Builder reconnectDelay(Duration delay);

        /**
         * The longest delay between two attempts while the hub stays unreachable (default 60 s).
         *
         * <pre>{@code .maxReconnectDelay(Duration.ofSeconds(30))}</pre>
         *
         * @param delay positive
         * @return this builder
         */
        Builder maxReconnectDelay(Duration delay);

        /**
         * The HTTP version to ask for (default {@link HttpClient.Version#HTTP_1_1}). {@code HTTP_2} uses HTTP/2
         * where the hub offers it (ALPN on {@code https}, an upgrade on {@code http}) and works, but a consumer
         * that stops asking is then held back only by HTTP/2 flow control, whose buffering depends on the client
         * and the hub: with the JDK 17 client and Open Liberty the hub did not drop such a stream within 80 s,
         * where over HTTP/1.1 it did (the socket fills); prefer HTTP/1.1 where memory must stay bounded.
         *
         * <pre>{@code .httpVersion(HttpClient.Version.HTTP_2)}</pre>
         *
         * @param version the version
         * @return this builder
         */
        Builder httpVersion(HttpClient.Version version);

        /**
         * How long connecting to the hub may take (default 10 s).
         *
         * <pre>{@code .connectTimeout(Duration.ofSeconds(5))}</pre>
         *
         * @param timeout positive
         * @return this builder
         */
        Builder connectTimeout(Duration timeout);

        /**
         * Whether a 404 is retried like an unreachable hub (with the same backoff, one warning per outage)
         * instead of ending the subscription (default {@code false}: a wrong URL is said at once). For a
         * service that starts with its hub or before it: while an application server starts an application,
         * the application's own embedded hub answers 404 until its JAX-RS application is ready, and so does a
         * hub being redeployed behind a proxy. The Reactive Messaging connector turns it on.
         *
         * <pre>{@code .retryNotFound(true)}</pre>
         *
         * @param retry {@code true} to retry a 404
         * @return this builder
         */
        Builder retryNotFound(boolean retry);

        /**
         * The JSON-B that {@link ReceivedUpdate#data(Class)} decodes with (default {@code JsonbBuilder.create()}).
         *
         * <pre>{@code .jsonb(JsonbBuilder.create(new JsonbConfig().withPropertyNamingStrategy(LOWER_CASE_WITH_UNDERSCORES)))}</pre>
         *
         * @param jsonb the JSON-B
         * @return this builder
         */
        Builder jsonb(Jsonb jsonb);

        /**
         * Told when a stream opens and when one ends or cannot open (for logs, health checks, a status line).
         *
         * <pre>{@code .listener(new MercureSubscriber.ConnectionListener() {
         *     public void disconnected(String reason, Duration retryIn) { log.warn(reason + "; again in " + retryIn); }
         * })}</pre>
         *
         * @param listener called on the HTTP client's or the subscriber's timer thread; must not block
         * @return this builder
         */
        Builder listener(ConnectionListener listener);

        /**
         * The subscriber, not connected yet: it connects at {@link MercureSubscriber#subscribe}.
         *
         * <pre>{@code MercureSubscriber s = builder.build();}</pre>
         *
         * @return the subscriber
         * @throws IllegalArgumentException when there is no selector, selectors of both drafts, or an unusable hub URL
         */
        MercureSubscriber build();
    }

    /**
     * What a subscriber's connections do, for an application that shows or logs it ({@link Builder#listener}).
     *
     * <pre>{@code
     * .listener(new MercureSubscriber.ConnectionListener() {
     *     public void connected(Optional<String> position) { health.up(); }
     *     public void disconnected(String reason, Duration retryIn) { health.down(reason); }
     * })
     * }</pre>
     */
    interface ConnectionListener {

        /**
         * A stream opened (the hub accepted the subscription).
         *
         * @param position the id of the hub's last update when it opened, if the hub said
         *     ({@code Last-Event-ID} response header): {@code position.ifPresent(id -> log.info("from " + id))}
         */
        default void connected(Optional<String> position) {
        }

        /**
         * A stream ended, or could not be opened; the subscriber tries again after {@code retryIn}.
         *
         * @param reason  what happened, for a log line: {@code "the hub ended the stream"}, {@code "ConnectException"},
         *     {@code "it answered 503"}
         * @param retryIn the delay before the next attempt
         */
        default void disconnected(String reason, Duration retryIn) {
        }
    }

    /**
     * How {@link #builder} finds the implementation ({@link ServiceLoader}); implemented by this library,
     * not by applications.
     *
     * <pre>{@code // META-INF/services/io.github.mercurejakarta.MercureSubscriber$Provider}</pre>
     */
    interface Provider {

        /**
         * @param hubUrl the hub's URL
         * @return a new builder: {@code provider.builder(hubUrl).topics("*").build()}
         */
        Builder builder(URI hubUrl);
    }
}
