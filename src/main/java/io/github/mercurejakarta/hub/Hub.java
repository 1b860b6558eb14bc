package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.config.OperationsConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportHealth;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SseEncoding;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.protocol.UpdateRules;
import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TracedOperation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub core, free of any HTTP framework: publishes updates through the {@link Transport} and fans
 * them out to {@link Subscriber}s. The JAX-RS resources (embedded or standalone) and any other front end
 * translate HTTP to calls on this class.
 *
 * <pre>{@code
 * Hub hub = Hub.create(MercureConfig.of(Map.of()));   // or new Hub(HubSettings.of(config), transport)
 * Subscription s = hub.subscribe(request, sink);   // registered, history resolved
 * s.start();                                       // opening comment, replay, then live
 * hub.publish(Update.of("https://example.com/books/1", "{}"));
 * }</pre>
 *
 * <p>Active subscriptions ({@code mercure.hub.subscriptions}, on by default): each selector of a
 * connection is a subscription, registered with the transport and announced by a private update on its
 * own IRI ({@link SubscriptionTopics}) once the connection is registered ({@code active:true}), and
 * again once it has ended for any reason — clean close, a client found gone (by the front end, or by a
 * failed write: a keep-alive or the probes after it, see {@link SubscriberSink#reportsClose()}), overflow,
 * token expiry, shutdown ({@code active:false}). Draft-07 connections get draft-07 events (JSON-LD, no
 * event type), draft-08 connections draft-08 events ({@code event: mercure}).
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());
    static final byte[] OPENING_COMMENT = SseEncoding.comment("");

    private final Transport transport;
    private final SubscriberIndex index = new SubscriberIndex();
    private final ExecutorService writers;
    /** Threads of {@link #writers}: a fan-out starts at most this many writer tasks (see {@link WriterBatch}). */
    private final int writerThreads;
    private final StreamMaintenance maintenance;
    private final HubSettings settings;
    private final HubMetrics metrics = new HubMetrics();
    private final ConnectionLimits limits;
    private final SubscriptionAnnouncer announcer;
    private final HubTracing tracing;
    /** The transport's short name for the dispatch span: {@code LocalTransport} → {@code local}. */
    private final String transportName;
    private volatile boolean closed;

    /**
     * A hub that makes no spans.
     *
     * @param settings  queue size, keep-alive, limits
     * @param transport where updates go; the hub starts it and closes it
     */
    public Hub(HubSettings settings, Transport transport) {
        this(settings, transport, HubTracing.OFF);
    }

    /**
     * @param settings  queue size, keep-alive, limits
     * @param transport where updates go; the hub starts it and closes it
     * @param tracing   the spans of publishes and subscriptions' openings ({@link HubTracing#OFF}: none)
     */
    public Hub(HubSettings settings, Transport transport, HubTracing tracing) {
        this.settings = settings;
        this.transport = transport;
        this.tracing = tracing;
        this.transportName = transport.getClass().getSimpleName().replaceFirst("Transport$", "").toLowerCase(Locale.ROOT);
        OperationsConfig operations = settings.operations();
        this.limits = new ConnectionLimits(operations.maxConnections(), operations.maxConnectionsPerAddress(), metrics);
        this.announcer = new SubscriptionAnnouncer(settings.subscriptions(), transport, this::dispatch, this::isRunning);
        metrics.subscribersFrom(index::size);
        this.writerThreads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        this.writers = Executors.newFixedThreadPool(writerThreads, daemon("mercure-hub-writer"));
        transport.start(this::fanOut, new TransportEvents());
        this.maintenance = new StreamMaintenance(index, writers, writerThreads, settings.keepAlive(),
                settings.dispatchTimeout(), operations.connectionLifetime(), operations.lifetimeJitter());
    }

    /**
     * A hub with the transport the configuration names: {@code local}, or a {@code redis://} URL (which
     * needs {@code io.lettuce:lettuce-core} on the class path).
     *
     * @throws io.github.mercurejakarta.exceptions.ConfigurationException when the transport cannot be used
     * @throws io.github.mercurejakarta.hub.transport.TransportException when Redis cannot be reached
     */
    public static Hub create(MercureConfig config) {
        return create(config, HubTracing.OFF);
    }

    /**
     * Like {@link #create(MercureConfig)}, with spans.
     *
     * <pre>{@code
     * Hub hub = Hub.create(config, OpenTelemetryTracing.of(openTelemetry, "OTLP"));
     * }</pre>
     */
    public static Hub create(MercureConfig config, HubTracing tracing) {
        return new Hub(HubSettings.of(config), Transport.fromConfig(config), tracing);
    }

    /**
     * Validates and publishes {@code update}.
     *
     * @return the update's id (generated as {@code urn:uuid:...} when it has none)
     * @throws io.github.mercurejakarta.exceptions.InvalidUpdateException when a rule of the protocol is broken
     * @throws io.github.mercurejakarta.hub.transport.TransportException when the transport refuses it
     */
    public String publish(Update update) {
        try (TracedOperation span = tracing.publish(update)) {
            try {
                UpdateRules.check(update, settings.maxTopics());
                String id;
                try (TracedOperation dispatch = tracing.dispatch(transportName)) {
                    try {
                        id = dispatch(update);
                    } catch (RuntimeException e) {
                        dispatch.failed(e);
                        throw e;
                    }
                }
                span.published(id);
                metrics.published();
                return id;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    /** Publishes without the public rules: for the hub's own updates (subscription events). */
    String dispatch(Update update) {
        if (update.id() == null) {
            update = update.toBuilder().id("urn:uuid:" + UUID.randomUUID()).build();
        }
        transport.dispatch(EncodedUpdate.of(update));
        return update.id();
    }

    /**
     * Registers a subscriber (live updates are held from now on) and resolves its cursor. Nothing is
     * written before {@link Subscription#start()}.
     *
     * @throws io.github.mercurejakarta.hub.transport.TransportException when the history cannot be read
     */
    public Subscription subscribe(SubscriptionRequest request, SubscriberSink sink) {
        return subscribe(request, sink, null);
    }

    /**
     * Like {@link #subscribe(SubscriptionRequest, SubscriberSink)}, counting the stream against the
     * connection limits ({@code mercure.hub.max.connections}, and per address when {@code clientAddress}
     * is known).
     *
     * @param clientAddress the client's address as {@code io.github.mercurejakarta.http.ClientAddress}
     *                      resolved it, or null when the front end cannot tell
     * @throws LimitExceededException when a connection limit is reached (nothing is registered)
     */
    public Subscription subscribe(SubscriptionRequest request, SubscriberSink sink, String clientAddress) {
        try (TracedOperation span = tracing.subscribe(request.selectors().size(), request.dialect().version(),
                request.lastEventId() != null)) {
            try {
                return open(request, sink, clientAddress);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private Subscription open(SubscriptionRequest request, SubscriberSink sink, String clientAddress) {
        if (closed) {
            throw new HubClosedException();
        }
        limits.acquire(clientAddress);
        Subscriber s;
        try {
            s = new Subscriber(request, sink, clientAddress, writers, settings.queueSize(), this::unregister, metrics);
        } catch (RuntimeException e) {
            limits.release(clientAddress);
            throw e;
        }
        index.add(s);
        metrics.subscriptionsOpened(request.selectors().size());
        History history = null;
        String resolved = null;
        if (request.lastEventId() != null) {
            try {
                history = transport.history(request.lastEventId());
            } catch (RuntimeException e) {
                index.remove(s); // nothing was written: the front end answers with an error instead
                metrics.subscriptionsClosed(request.selectors().size());
                limits.release(clientAddress);
                throw e;
            }
            resolved = history.cursorFound() ? request.lastEventId() : Dialect.EARLIEST;
        }
        announcer.announceOpen(s);
        return new Subscription(this, s, history, resolved);
    }

    /** @return the hub's counters (subscribers, updates, disconnects by cause, limit refusals, latency) */
    public HubMetrics metrics() {
        return metrics;
    }

    /** @return what the hub traces with ({@link HubTracing#OFF} when it makes no spans); the HTTP layer continues requests' traces with it */
    public HubTracing tracing() {
        return tracing;
    }

    /** @return the operational settings the hub runs with (limits, lifetime, shutdown bound) */
    public OperationsConfig operations() {
        return settings.operations();
    }

    /** @return true when the hub publishes subscription events and serves the subscriptions API */
    public boolean subscriptionsEnabled() {
        return settings.subscriptions();
    }

    /**
     * The active subscriptions of the hub (of every node, when the transport spans several) and the last
     * event id, read together.
     *
     * <pre>{@code
     * SubscriptionSnapshot now = hub.subscriptions();
     * now.subscriptions().stream().filter(s -> s.match().equals(topic)).count();
     * }</pre>
     *
     * @throws io.github.mercurejakarta.exceptions.ConfigurationException when the feature is off
     *     ({@code mercure.hub.subscriptions=false})
     */
    public SubscriptionSnapshot subscriptions() {
        if (!settings.subscriptions()) {
            throw new ConfigurationException(MercureConfig.Key.HUB_SUBSCRIPTIONS.key(),
                    "active subscriptions are off (mercure.hub.subscriptions=false)", null);
        }
        return transport.subscriptions();
    }

    void start(Subscriber s, boolean writeOpeningComment, List<EncodedUpdate> history, long historyLastPosition) {
        if (writeOpeningComment) {
            s.enqueue(OPENING_COMMENT);
        }
        s.goLive(history, historyLastPosition);
        maintenance.scheduleEnds(s);
    }

    private void unregister(Subscriber s) {
        // counted before the stream leaves the index (which the subscriber gauge reads): whoever sees
        // the stream gone also sees its disconnect counted (MetricsIT caught a scrape in between)
        metrics.subscriptionsClosed(s.request().selectors().size());
        metrics.disconnected(s.disconnectCause());
        index.remove(s);
        limits.release(s.clientAddress());
        announcer.announceEnd(s);
        LOG.log(Level.FINE, "subscriber {0} closed: {1}", new Object[] {s.id(), s.disconnectCause()});
    }

    private void fanOut(EncodedUpdate u) {
        WriterBatch batch = new WriterBatch();
        index.forEachMatch(u, s -> s.offer(u, batch));
        metrics.dispatched(batch.delivered);
        batch.start(writers, writerThreads);
    }

    /** What the transport reports besides updates: missed updates, subscriptions that ended elsewhere. */
    private final class TransportEvents implements Transport.Events {

        /**
         * Every open stream may have missed updates: take them out of the index at once, so that none of
         * them gets an update from after the gap (a client would then resume after it), and end them on
         * the writer threads (ending one talks to the transport). Their clients reconnect with
         * Last-Event-ID.
         */
        @Override
        public void updatesMissed(long missed) {
            List<Subscriber> open = List.copyOf(index.all());
            for (Subscriber s : open) {
                index.remove(s);
            }
            for (Subscriber s : open) {
                writers.execute(() -> s.close(DisconnectCause.UPDATES_MISSED));
            }
        }

        @Override
        public void subscriptionsChanged(List<ActiveSubscription> records) {
            announcer.announceElsewhere(records);
        }
    }

    /**
     * How long a task handed to the writer threads has been waiting to run: about zero when they keep up,
     * growing when every writer thread is blocked (dispatch is stuck).
     */
    public Duration writerDelay() {
        return maintenance.writerDelay();
    }

    /** @return whether the hub still accepts subscribers and updates (false once {@link #close()} began) */
    public boolean isRunning() {
        return !closed;
    }

    /** @return the transport's state for health checks (see {@link Transport#health()}) */
    public TransportHealth transportHealth() {
        return transport.health();
    }

    /** @return the number of open streams on this node. */
    public int subscriberCount() {
        return index.size();
    }

    /** @return the id of the last update, or {@code earliest}. */
    public String lastEventId() {
        return transport.lastEventId();
    }

    /**
     * Ends every stream and stops, within {@code mercure.hub.shutdown.timeout}: each stream is written
     * what it has queued and then ended cleanly (the client reconnects, to this hub once restarted or to
     * another node, with the last id it received); streams still writing when the bound is reached are
     * closed at once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        List<Subscriber> open = List.copyOf(index.all());
        for (Subscriber s : open) {
            s.endAfterFlush(DisconnectCause.SHUTDOWN);
        }
        try {
            CompletableFuture.allOf(open.stream().map(Subscriber::ended).toArray(CompletableFuture[]::new))
                    .get(settings.operations().shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the bound is reached: the streams still writing are closed below
        }
        for (Subscriber s : open) {
            s.close(DisconnectCause.SHUTDOWN); // no-op for those that ended on their own
        }
        // with no stream to end (e.g. a hub whose front end failed to start) there is nothing to tell an operator
        LOG.log(open.isEmpty() ? Level.FINE : Level.INFO, "MERCURE0002I Mercure hub stopped: {0} stream(s) ended in {1} ms",
                new Object[] {open.size(), (System.nanoTime() - t0) / 1_000_000});
        transport.close();
        maintenance.close();
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
