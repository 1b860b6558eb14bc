package io.github.mercurejakarta.client;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.MercureSubscriber.ConnectionListener;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.exceptions.SubscriptionRefusedException;
import io.github.mercurejakarta.protocol.Json;
import jakarta.json.bind.Jsonb;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link MercureSubscriber} of this library: one {@link HttpClient} stream at a time, read without a
 * thread of its own (the body arrives as a reactive {@code BodySubscriber}, asked for one chunk at a
 * time, and only while fewer than {@code bufferSize} updates wait for the consumer), reconnections and
 * token renewals on one shared timer thread.
 *
 * <pre>{@code
 * MercureSubscriber s = MercureSubscriber.builder(hub).topics("*").build();   // through SubscriberProvider
 * }</pre>
 *
 * <p>State lives under {@link #lock}; signals to the consumer are made outside it by one thread at a time
 * ({@link #drain}). Each connection has a generation: whatever an older connection reports after it was
 * replaced (its end, its last bytes) is ignored, so a renewal or a reconnection never delivers an update
 * twice, and {@code Last-Event-ID} is always the last update accepted from the current connection.
 */
final class HubSubscriber implements MercureSubscriber {

    private static final Logger LOG = Logger.getLogger(HubSubscriber.class.getName());
    private static final AtomicInteger TIMER_THREADS = new AtomicInteger();
    /** Reconnections and renewals for every subscriber of the class loader: they only start a request; no thread when idle. */
    private static final ScheduledExecutorService TIMER = timer();
    /** A token is renewed this long before its exp at most (a quarter of its remaining life when shorter). */
    static final Duration RENEWAL_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_MESSAGE = 500;

    private final URI hubUrl;
    private final URI streamUrl;
    private final Supplier<String> tokens;
    /** The tokens come from a supplier that may give a fresh one: a 401 is retried once before it is final. */
    private final boolean renewableTokens;
    /** A 404 is an outage, not a refusal: see MercureSubscriber.Builder#retryNotFound. */
    private final boolean retryNotFound;
    private final int bufferSize;
    private final int maxEventSize;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final Jsonb jsonb;
    private final ConnectionListener listener;
    private final HttpClient http;

    private final Object lock = new Object();
    private final ArrayDeque<ReceivedUpdate> queue = new ArrayDeque<>();
    private Flow.Subscriber<? super ReceivedUpdate> downstream;
    private long demand;
    private boolean draining;
    /** Set once: complete (closed) or failed; signalled by {@link #drain}. */
    private boolean closed;
    private Throwable failure;
    private boolean terminated;
    private boolean cancelled;
    private int generation;
    private Connection current;
    private ScheduledFuture<?> pending;
    /** The last update accepted (queued), or the cursor the hub announced: the next Last-Event-ID. */
    private String resumeFrom;
    private volatile String delivered;
    private long retryMillis;
    private int failures;
    private boolean outageLogged;
    /** A reconnection waits until the consumer has made room: a stopped consumer costs one buffer, not one per reconnection. */
    private boolean waitingForRoom;
    /** 401 answers in a row. */
    private int unauthorized;

    HubSubscriber(HubSubscriberBuilder b) {
        this.hubUrl = b.hubUrl;
        this.streamUrl = b.streamUrl();
        this.tokens = b.tokens;
        this.renewableTokens = b.renewableTokens;
        this.retryNotFound = b.retryNotFound;
        this.bufferSize = b.bufferSize;
        this.maxEventSize = b.maxEventSize;
        this.initialDelayMillis = b.reconnectDelay.toMillis();
        this.maxDelayMillis = Math.max(b.maxReconnectDelay.toMillis(), initialDelayMillis);
        this.retryMillis = initialDelayMillis;
        this.jsonb = b.jsonb;
        this.listener = b.listener;
        this.resumeFrom = b.lastEventId;
        this.http = HttpClient.newBuilder()
                .version(b.httpVersion)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could carry the token elsewhere
                .build();
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "mercure-subscriber-timer-" + TIMER_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        // the thread ends 10 s after the last subscriber's last task: a closed application (its subscribers closed
        // by the connector's @PreDestroy, or by the application) leaves no thread holding its class loader
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ReceivedUpdate> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        boolean start;
        synchronized (lock) {
            start = downstream == null && !closed;
            if (downstream == null) {
                downstream = subscriber;
            }
        }
        if (downstream != subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a MercureSubscriber takes one consumer; build another one"));
            return;
        }
        subscriber.onSubscribe(new Demand());
        if (start) {
            connect();
        } else {
            drain(); // closed before subscribing: onComplete
        }
    }

    @Override
    public Optional<String> lastEventId() {
        return Optional.ofNullable(delivered);
    }

    @Override
    public void close() {
        end(null, false);
    }

    /** Ends the subscription: closed (failure null) or failed; the consumer is told unless it cancelled. */
    private void end(Throwable failure, boolean byCancel) {
        Connection c;
        ScheduledFuture<?> p;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cancelled = byCancel;
            this.failure = failure;
            queue.clear();
            generation++;
            c = current;
            current = null;
            p = pending;
            pending = null;
        }
        if (p != null) {
            p.cancel(false);
        }
        if (c != null) {
            c.abort();
        }
        drain();
    }

    // ---------------------------------------------------------------- connections

    private void connect() {
        int gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            pending = null;
            if (queue.size() >= bufferSize) {
                waitingForRoom = true;
                return;
            }
            gen = ++generation;
        }
        String token;
        try {
            token = tokens == null ? null : tokens.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the subscriber token supplier failed", e);
            ended(gen, false, e);
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(streamUrl).GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        String cursor;
        synchronized (lock) {
            cursor = resumeFrom;
        }
        if (cursor != null && !cursor.isEmpty()) {
            request.header("Last-Event-ID", cursor);
        }
        Connection connection = new Connection(gen, cursor, token);
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            current = connection;
        }
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = http.sendAsync(request.build(), connection::handle);
        } catch (RuntimeException e) {
            ended(gen, false, e);
            return;
        }
        response.whenComplete((r, t) -> {
            if (t != null) {
                ended(gen, connection.opened, t);
            } else if (connection.opened) {
                ended(gen, true, null); // the hub ended the stream
            } else {
                refused(gen, r.statusCode(), r.headers(), r.body());
            }
        });
    }

    /** A connection that ended, or never opened: reconnect after the hub's retry, or back off. */
    private void ended(int gen, boolean wasOpen, Throwable cause) {
        long delay;
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            current = null;
            if (wasOpen) {
                failures = 0;
                delay = jitter(retryMillis);
            } else {
                failures++;
                delay = jitter(backoff(failures));
                outage(describe(cause));
            }
            schedule(delay);
        }
        if (cause != null) {
            LOG.log(Level.FINE, "subscription stream of " + hubUrl + " ended; reconnecting in " + delay + " ms", cause);
        }
        tell(() -> listener.disconnected(wasOpen && cause == null ? "the hub ended the stream" : describe(cause),
                Duration.ofMillis(delay)));
    }

    /** A listener's failure is its own: logged, never the subscription's. */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a MercureSubscriber connection listener failed", e);
        }
    }

    private void refused(int gen, int status, HttpHeaders headers, String body) {
        String message = body == null ? "" : body.strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        boolean retryUnauthorized;
        synchronized (lock) {
            unauthorized = status == 401 ? unauthorized + 1 : 0;
            // a token that expired on its way (a slow first request) is not the supplier's last word: ask again once
            retryUnauthorized = status == 401 && renewableTokens && unauthorized == 1;
        }
        if (status == 429 || status >= 500 || retryUnauthorized || status == 404 && retryNotFound) {
            long delay;
            long retryAfter = headers.firstValue("Retry-After").flatMap(HubSubscriber::seconds).orElse(0L) * 1000;
            synchronized (lock) {
                if (gen != generation || closed) {
                    return;
                }
                current = null;
                failures++;
                delay = Math.max(retryAfter, jitter(backoff(failures)));
                outage("it answered " + status);
                schedule(delay);
            }
            long retryIn = delay;
            tell(() -> listener.disconnected("it answered " + status, Duration.ofMillis(retryIn)));
            return;
        }
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
        }
        String what = status == 200 ? "answered 200 with a " + headers.firstValue("Content-Type").orElse("body")
                + ", not an event stream" : "refused the subscription with " + status;
        LOG.warning("MERCURE0505W " + hubUrl + " " + what + "; the subscriber stops");
        end(new SubscriptionRefusedException(hubUrl + " " + what + (message.isEmpty() ? "" : ": " + message),
                hubUrl.toString(), status, message), false);
    }

    /** Under the lock: once per outage. */
    private void outage(String why) {
        if (!outageLogged) {
            outageLogged = true;
            LOG.warning("MERCURE0503W cannot subscribe to " + hubUrl + " (" + why + "); retrying with backoff, up to every "
                    + maxDelayMillis + " ms");
        }
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Math.min(3600, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: the backoff decides
        }
    }

    private long backoff(int failures) {
        long delay = initialDelayMillis;
        for (int i = 1; i < failures && delay < maxDelayMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayMillis);
    }

    /** Between half and all of {@code millis}: subscribers dropped together do not come back together. */
    private static long jitter(long millis) {
        return millis <= 1 ? millis : millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }

    /** Under the lock. */
    private void schedule(long delayMillis) {
        pending = TIMER.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void opened(Connection c, HttpHeaders headers) {
        boolean recovered;
        synchronized (lock) {
            if (c.gen != generation || closed) {
                return;
            }
            c.opened = true;
            recovered = outageLogged;
            outageLogged = false;
            failures = 0;
            unauthorized = 0;
            if (resumeFrom == null) {
                // the hub's position when the stream opened: resuming from it loses nothing published since
                resumeFrom = headers.firstValue("Mercure-Last-Event-ID")
                        .or(() -> headers.firstValue("Last-Event-ID")).orElse(null);
            }
            if (c.token != null) {
                expiry(c.token).ifPresent(exp -> {
                    long remaining = exp - System.currentTimeMillis();
                    long margin = Math.min(RENEWAL_MARGIN.toMillis(), Math.max(remaining / 4, 0));
                    int gen = c.gen;
                    c.renewal = TIMER.schedule(() -> renew(gen), Math.max(remaining - margin, 0), TimeUnit.MILLISECONDS);
                });
            }
        }
        if (recovered) {
            LOG.info("MERCURE0504I subscribed to " + hubUrl + " again");
        }
        Optional<String> position = headers.firstValue("Mercure-Last-Event-ID").or(() -> headers.firstValue("Last-Event-ID"));
        tell(() -> listener.connected(position));
    }

    /** Before the token's exp: a new connection with a new token, from the last update received. */
    private void renew(int gen) {
        Connection c;
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            c = current;
            current = null;
            generation++; // what the old connection still reports is ignored from now on
        }
        LOG.fine(() -> "renewing the subscriber token of " + hubUrl);
        if (c != null) {
            c.abort();
        }
        connect();
    }

    /** @return the {@code exp} of a JWT in epoch milliseconds, read without verifying (the hub verifies it) */
    static Optional<Long> expiry(String jwt) {
        String[] parts = jwt.trim().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            return claims.get("exp") instanceof Number n ? Optional.of(n.longValue() * 1000) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a JWT we can read: no renewal, the hub decides
        }
    }

    /** @return what went wrong, in words for a log line or a command line (no class names where a phrase says it) */
    static String describe(Throwable t) {
        if (t == null) {
            return "the stream ended";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.http.HttpConnectTimeoutException) {
                return "no connection within the connect timeout";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof java.io.EOFException) {
                return "the connection was closed";
            }
        }
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- the consumer

    /** Under the lock: an update accepted from the current connection. */
    private void accept(Connection c, String id, String type, String data) {
        if (c.gen != generation || closed) {
            return;
        }
        if (!id.isEmpty()) {
            resumeFrom = id;
        }
        queue.add(ReceivedUpdate.of(id, type, data, jsonb));
    }

    /** Signals what is due to the consumer, on one thread at a time; resumes reading when there is room. */
    private void drain() {
        synchronized (lock) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            ReceivedUpdate next = null;
            boolean complete = false;
            Throwable error = null;
            Connection resume = null;
            Flow.Subscriber<? super ReceivedUpdate> d;
            synchronized (lock) {
                d = downstream;
                if (terminated || d == null) {
                    draining = false;
                    return;
                }
                if (closed) {
                    terminated = true;
                    complete = !cancelled && failure == null;
                    error = cancelled ? null : failure;
                } else if (demand > 0 && !queue.isEmpty()) {
                    next = queue.poll();
                    demand--;
                } else {
                    if (current != null && current.paused && queue.size() < bufferSize) {
                        current.paused = false;
                        resume = current;
                    }
                    if (waitingForRoom && queue.size() < bufferSize) {
                        waitingForRoom = false;
                        pending = TIMER.schedule(HubSubscriber.this::connect, 0, TimeUnit.MILLISECONDS);
                    }
                    if (resume == null) {
                        draining = false;
                        return;
                    }
                }
            }
            if (resume != null) {
                resume.requestMore();
                continue;
            }
            if (next != null) {
                delivered = next.id().isEmpty() ? delivered : next.id();
                try {
                    d.onNext(next);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0506W a subscriber's consumer threw from onNext; the subscription is cancelled", e);
                    synchronized (lock) {
                        draining = false;
                    }
                    end(null, true);
                    return;
                }
                continue;
            }
            if (error != null) {
                d.onError(error);
            } else if (complete) {
                d.onComplete();
            }
            synchronized (lock) {
                draining = false;
            }
            return;
        }
    }

    /** The consumer's {@link Flow.Subscription}. */
    private final class Demand implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                end(new IllegalArgumentException("request(" + n + "): the Reactive Streams rule 3.9 wants n > 0"), false);
                return;
            }
            synchronized (lock) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            drain();
        }

        @Override
        public void cancel() {
            end(null, true);
        }
    }

    /** One HTTP response: its body, parsed as it arrives, for as long as it is the current connection. */
    private final class Connection implements HttpResponse.BodySubscriber<String>, EventStreamParser.Listener {
        final int gen;
        final String token;
        final EventStreamParser parser;
        final CompletableFuture<String> body = new CompletableFuture<>();
        volatile Flow.Subscription upstream;
        /** Under the lock: reading stopped because the queue is full. */
        boolean paused;
        /** Under the lock. */
        boolean opened;
        volatile boolean aborted;
        ScheduledFuture<?> renewal;

        Connection(int gen, String cursor, String token) {
            this.gen = gen;
            this.token = token;
            this.parser = new EventStreamParser(maxEventSize, this, cursor);
        }

        HttpResponse.BodySubscriber<String> handle(HttpResponse.ResponseInfo info) {
            String contentType = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (info.statusCode() == 200 && contentType.startsWith("text/event-stream")) {
                opened(this, info.headers());
                return this;
            }
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (aborted) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> chunks) {
            boolean full;
            try {
                synchronized (lock) {
                    for (ByteBuffer chunk : chunks) {
                        parser.feed(chunk); // calls event() under the lock
                    }
                    full = queue.size() >= bufferSize && gen == generation;
                    if (full) {
                        paused = true;
                    }
                }
            } catch (EventStreamParser.TooLargeException e) {
                abort();
                ended(gen, true, e);
                return;
            }
            drain();
            if (!full) {
                requestMore();
            }
        }

        @Override
        public void event(String lastEventId, String type, String data) {
            accept(this, lastEventId, type, data);
        }

        @Override
        public void retry(long millis) {
            retryMillis = Math.max(1, millis);
        }

        void requestMore() {
            Flow.Subscription s = upstream;
            if (s != null && !aborted) {
                s.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            cancelRenewal();
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            cancelRenewal();
            body.complete(null);
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        void abort() {
            aborted = true;
            cancelRenewal();
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel(); // closes an HTTP/1.1 connection, resets an HTTP/2 stream
            }
            body.complete(null);
        }

        private void cancelRenewal() {
            ScheduledFuture<?> r;
            synchronized (lock) {
                r = renewal;
                renewal = null;
            }
            if (r != null) {
                r.cancel(false);
            }
        }
    }
}
