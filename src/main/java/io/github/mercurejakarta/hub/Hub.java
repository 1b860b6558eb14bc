package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.config.OperationsConfig;
import io.github.mercurejakarta.protocol.SseEncoding;
import io.github.mercurejakarta.protocol.SubscriptionDocuments;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.SubscriptionSnapshot;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.match.TopicMatcher;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.protocol.UpdateRules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub core, free of any HTTP framework: publishes updates through the {@link Transport} and fans
 * them out to {@link Subscriber}s. The JAX-RS resources (embedded or standalone) and any other front end
 * translate HTTP to calls on this class.
 *
 * <pre>{@code
 * Hub hub = Hub.create(MercureConfig.of(Map.of()));
 * Subscription s = hub.subscribe(request, sink);   // registered, history resolved
 * s.start();                                       // opening comment, replay, then live
 * hub.publish(Update.of("https://example.com/books/1", "{}"));
 * }</pre>
 *
 * <p>Active subscriptions ({@code mercure.hub.subscriptions}, on by default): each selector of a
 * connection is a subscription, registered with the transport and announced by a private update on its
 * own IRI ({@link SubscriptionTopics}) once the connection is registered ({@code active:true}), and
 * again once it has ended for any reason — clean close, failed write found by a keep-alive, overflow,
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
    private final ScheduledExecutorService timers;
    private final int queueSize;
    private final int maxTopics;
    private final Duration keepAlive;
    private final Duration dispatchTimeout;
    private final boolean subscriptionsEnabled;
    private final OperationsConfig operations;
    private final HubMetrics metrics = new HubMetrics();
    /** Open streams counted against mercure.hub.max.connections (index.size() cannot be checked and set at once). */
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> connectionsByAddress = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** nanoTime at which the pending writer probe was queued; 0 when none is pending. */
    private final java.util.concurrent.atomic.AtomicLong writerProbeQueued = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param config    queue size, keep-alive, limits
     * @param transport where updates go; the hub starts it and closes it
     */
    public Hub(MercureConfig config, Transport transport) {
        this.transport = transport;
        this.queueSize = config.subscriberQueueSize();
        this.maxTopics = config.maxTopics();
        this.keepAlive = config.keepAliveInterval();
        this.subscriptionsEnabled = config.subscriptions();
        this.operations = OperationsConfig.of(config);
        metrics.subscribersFrom(index::size);
        this.writerThreads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        this.writers = Executors.newFixedThreadPool(writerThreads, daemon("mercure-hub-writer"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("mercure-hub-timer"));
        transport.start(this::fanOut, new TransportEvents());
        // a task handed to the writer threads every second: how long it waits is the liveness check's
        // measure of whether dispatch is stuck
        timers.scheduleAtFixedRate(this::probeWriters, 1, 1, TimeUnit.SECONDS);
        this.dispatchTimeout = config.dispatchTimeout();
        if (!dispatchTimeout.isZero()) {
            // a write that never completes would silently stall its stream (seen with RESTEasy's sink under
            // load); closing it lets the client reconnect with Last-Event-ID, as the reference hub's
            // dispatch_timeout does
            long period = Math.max(200, Math.min(1000, dispatchTimeout.toMillis() / 2));
            timers.scheduleAtFixedRate(this::closeStalledStreams, period, period, TimeUnit.MILLISECONDS);
        }
        if (!keepAlive.isZero()) {
            long ms = keepAlive.toMillis();
            // check twice per interval so an idle stream gets its comment within 1.5 intervals at worst
            timers.scheduleAtFixedRate(this::keepAlive, ms / 2, Math.max(ms / 2, 1), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A hub with the transport the configuration names: {@code local}, or a {@code redis://} URL (which
     * needs {@code io.lettuce:lettuce-core} on the class path).
     *
     * @throws io.github.mercurejakarta.exceptions.ConfigurationException when the transport cannot be used
     * @throws io.github.mercurejakarta.hub.transport.TransportException when Redis cannot be reached
     */
    public static Hub create(MercureConfig config) {
        return new Hub(config, Transport.fromConfig(config));
    }

    /**
     * Validates and publishes {@code update}.
     *
     * @return the update's id (generated as {@code urn:uuid:...} when it has none)
     * @throws io.github.mercurejakarta.exceptions.InvalidUpdateException when a rule of the protocol is broken
     * @throws io.github.mercurejakarta.hub.transport.TransportException when the transport refuses it
     */
    public String publish(Update update) {
        UpdateRules.check(update, maxTopics);
        String id = dispatch(update);
        metrics.published();
        return id;
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
        if (closed) {
            throw new HubClosedException();
        }
        acquireConnection(clientAddress);
        Subscriber s;
        try {
            s = new Subscriber(request, sink, writers, queueSize, this::unregister, metrics);
        } catch (RuntimeException e) {
            releaseConnection(clientAddress);
            throw e;
        }
        s.clientAddress = clientAddress;
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
                releaseConnection(clientAddress);
                throw e;
            }
            resolved = history.cursorFound() ? request.lastEventId() : Dialect.EARLIEST;
        }
        announceOpen(s);
        return new Subscription(this, s, history, resolved);
    }

    private void acquireConnection(String address) {
        int max = operations.maxConnections();
        if (connections.incrementAndGet() > max && max > 0) {
            connections.decrementAndGet();
            metrics.limitRejected(Limit.CONNECTIONS, max + " open streams");
            throw new LimitExceededException(Limit.CONNECTIONS, "the hub has reached its maximum of " + max + " open streams");
        }
        int perAddress = operations.maxConnectionsPerAddress();
        if (address != null && perAddress > 0) {
            AtomicInteger n = connectionsByAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (n.incrementAndGet() > perAddress) {
                releaseConnection(address);
                metrics.limitRejected(Limit.CONNECTIONS_PER_ADDRESS, perAddress + " open streams from one address");
                throw new LimitExceededException(Limit.CONNECTIONS_PER_ADDRESS,
                        "too many open streams from this address (at most " + perAddress + ")");
            }
        }
    }

    private void releaseConnection(String address) {
        connections.decrementAndGet();
        if (address != null && operations.maxConnectionsPerAddress() > 0) {
            // drop the entry at zero, atomically with the decrement, so the map holds only open addresses
            connectionsByAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** @return the hub's counters (subscribers, updates, disconnects by cause, limit refusals, latency) */
    public HubMetrics metrics() {
        return metrics;
    }

    /** @return the operational settings the hub runs with (limits, lifetime, shutdown bound) */
    public OperationsConfig operations() {
        return operations;
    }

    /** @return true when the hub publishes subscription events and serves the subscriptions API */
    public boolean subscriptionsEnabled() {
        return subscriptionsEnabled;
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
        if (!subscriptionsEnabled) {
            throw new io.github.mercurejakarta.exceptions.ConfigurationException(MercureConfig.Key.HUB_SUBSCRIPTIONS.key(),
                    "active subscriptions are off (mercure.hub.subscriptions=false)", null);
        }
        return transport.subscriptions();
    }

    /** One record per distinct selector of the connection (a repeated selector is one subscription). */
    static List<ActiveSubscription> records(Subscriber s) {
        SubscriptionRequest r = s.request();
        Map<String, ActiveSubscription> byId = new LinkedHashMap<>();
        for (int i = 0; i < r.selectors().size(); i++) {
            TopicMatcher m = r.selectors().get(i);
            String matchType = SubscriptionTopics.matchType(r.dialect(), m.type());
            String id = r.dialect() == Dialect.DRAFT_07
                    ? SubscriptionTopics.draft07(r.hubPath(), m.selector(), s.id())
                    : SubscriptionTopics.draft08(r.hubPath(), matchType, m.selector(), s.id());
            byId.putIfAbsent(id, new ActiveSubscription(id, r.dialect().version(), matchType, m.selector(), s.id(), true,
                    r.payloads().get(i)));
        }
        return new ArrayList<>(byId.values());
    }

    /** The private update announcing {@code s}: its document on its own IRI. */
    static Update event(ActiveSubscription s) {
        Update.Builder b = Update.builder().topic(s.id()).data(SubscriptionDocuments.subscription(s, null))
                .privateUpdate(true);
        if (s.protocolVersion() == Dialect.DRAFT_08.version()) {
            b.type("mercure"); // draft-08 §active subscriptions: SSE event type `mercure`, reserved to the hub
        }
        return b.build();
    }

    private void announceOpen(Subscriber s) {
        if (!subscriptionsEnabled) {
            return;
        }
        synchronized (s.announcements) {
            if (s.announcedEnd) {
                return;
            }
            List<ActiveSubscription> records = records(s);
            s.subscriptions = records;
            try {
                for (ActiveSubscription r : records) {
                    transport.register(r);
                }
                for (ActiveSubscription r : records) {
                    dispatch(event(r));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "MERCURE0201W could not announce the subscriptions of {0}: {1}",
                        new Object[] {s.id(), e.toString()});
            }
        }
    }

    private void announceEnd(Subscriber s) {
        if (!subscriptionsEnabled) {
            return;
        }
        synchronized (s.announcements) {
            s.announcedEnd = true;
            List<ActiveSubscription> records = s.subscriptions;
            s.subscriptions = List.of();
            for (ActiveSubscription r : records) {
                try {
                    transport.unregister(r);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0202W could not unregister {0}: {1}", new Object[] {r.id(), e.toString()});
                }
            }
            if (closed) {
                return; // the transport is closed: nobody is left to tell
            }
            for (ActiveSubscription r : records) {
                try {
                    dispatch(event(r.withActive(false)));
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "could not announce the end of {0}: {1}", new Object[] {r.id(), e.toString()});
                }
            }
        }
    }

    void start(Subscriber s, boolean writeOpeningComment, List<EncodedUpdate> history, long historyLastPosition) {
        if (writeOpeningComment) {
            s.enqueue(OPENING_COMMENT);
        }
        s.goLive(history, historyLastPosition);
        Instant exp = s.request().expiresAt();
        if (exp != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), exp).toMillis());
            timers.schedule(() -> s.close(DisconnectCause.TOKEN_EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
        Duration lifetime = operations.connectionLifetime();
        if (!lifetime.isZero() && !s.isClosed()) {
            timers.schedule(() -> s.endAfterFlush(DisconnectCause.LIFETIME), lifetimeMillis(lifetime,
                    operations.lifetimeJitter()), TimeUnit.MILLISECONDS);
        }
    }

    /** lifetime ± a uniformly random part of jitter: streams opened together do not end together. */
    static long lifetimeMillis(Duration lifetime, Duration jitter) {
        long j = jitter.toMillis();
        long spread = j == 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(-j, j + 1);
        return Math.max(1, lifetime.toMillis() + spread);
    }

    private void unregister(Subscriber s) {
        index.remove(s);
        metrics.subscriptionsClosed(s.request().selectors().size());
        metrics.disconnected(s.disconnectCause());
        releaseConnection(s.clientAddress);
        announceEnd(s);
        LOG.log(Level.FINE, "subscriber {0} closed: {1}", new Object[] {s.id(), s.disconnectCause()});
    }

    private void fanOut(EncodedUpdate u) {
        WriterBatch batch = new WriterBatch();
        index.forEachMatch(u, s -> { // Subscriber.offer counts each delivery
            if (s.offer(u)) {
                batch.add(s);
            }
        });
        batch.start(writers, writerThreads);
    }

    private void closeStalledStreams() {
        long now = System.nanoTime();
        long limit = dispatchTimeout.toNanos();
        for (Subscriber s : index.all()) {
            if (s.writeStalled(now, limit)) {
                writers.execute(() -> s.close(DisconnectCause.WRITE_TIMEOUT));
            }
        }
    }

    private void keepAlive() {
        long now = System.nanoTime();
        long interval = keepAlive.toNanos();
        WriterBatch batch = new WriterBatch();
        for (Subscriber s : index.all()) {
            if (now - s.lastWriteNanos() >= interval && s.queue(SseEncoding.KEEP_ALIVE)) {
                batch.add(s);
            }
        }
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

        /** Announces each record in its own dialect, as for a subscriber of this node. */
        @Override
        public void subscriptionsChanged(List<ActiveSubscription> records) {
            if (!subscriptionsEnabled || closed) {
                return;
            }
            for (ActiveSubscription r : records) {
                try {
                    dispatch(event(r));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0203W could not announce {0} (active: {1}): {2}",
                            new Object[] {r.id(), r.active(), e.toString()});
                }
            }
        }
    }

    private void probeWriters() {
        long now = System.nanoTime();
        if (writerProbeQueued.compareAndSet(0, now == 0 ? 1 : now)) {
            writers.execute(() -> writerProbeQueued.set(0));
        }
    }

    /**
     * How long a task handed to the writer threads has been waiting to run: about zero when they keep up,
     * growing when every writer thread is blocked (dispatch is stuck).
     */
    public Duration writerDelay() {
        long queued = writerProbeQueued.get();
        return queued == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - queued));
    }

    /** @return whether the hub still accepts subscribers and updates (false once {@link #close()} began) */
    public boolean isRunning() {
        return !closed;
    }

    /** @return the transport's state for health checks (see {@link Transport#health()}) */
    public io.github.mercurejakarta.hub.transport.TransportHealth transportHealth() {
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
            CompletableFuture.allOf(open.stream().map(s -> s.ended).toArray(CompletableFuture[]::new))
                    .get(operations.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        timers.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
