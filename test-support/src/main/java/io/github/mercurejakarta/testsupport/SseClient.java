package io.github.mercurejakarta.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test-side EventSource: opens one {@code GET} over HTTP/1.1 with {@link HttpClient}, then parses the
 * body with {@link SseParser} on a daemon thread.
 *
 * <pre>{@code
 * try (SseClient sse = SseClient.to(hub.resolve("/.well-known/mercure?topic=a"))
 *         .header("Authorization", "Bearer " + jwt)
 *         .lastEventId("urn:uuid:...")
 *         .open()) {
 *     assertEquals(200, sse.status());
 *     SseEvent e = sse.next(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Events go to a queue: {@link #next}, {@link #nextN}, {@link #noEventWithin}.</li>
 *   <li>Comments (keep-alives) go to their own queue: {@link #nextComment}, {@link #commentCount}.</li>
 *   <li>Every byte received is kept: {@link #receivedBytes()}, {@link #receivedText()} (raw mode, for
 *       framing tests; also the body of a non-SSE answer such as a 401).</li>
 *   <li>{@link #close()} aborts the exchange, which closes the TCP connection (the server sees the
 *       client go away).</li>
 * </ul>
 * Waits that time out throw {@link AssertionError} with a description of what was received so far.
 */
public final class SseClient implements AutoCloseable {

    /** The default wait for the response headers in {@link #status()} / {@link #headers()}. */
    public static final Duration DEFAULT_HEADERS_TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient SHARED = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String method;
    private final URI uri;
    private final Duration headersTimeout;
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final LinkedBlockingDeque<SseEvent> events = new LinkedBlockingDeque<>();
    private final LinkedBlockingDeque<String> comments = new LinkedBlockingDeque<>();
    private final List<String> allComments = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile InputStream body;
    private volatile boolean closed;
    private volatile int eventCount;
    private volatile String lastEventId = "";
    private volatile Long retry;

    /** Opens a stream with no extra headers. */
    public static SseClient open(URI uri) {
        return to(uri).open();
    }

    /** @return a builder for a stream on {@code uri}. */
    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    /** Options of a stream; {@link #open()} sends the request. */
    public static final class Builder {
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private Duration headersTimeout = DEFAULT_HEADERS_TIMEOUT;
        private HttpClient client = SHARED;
        private boolean acceptHeader = true;
        private String method = "GET";
        private String body;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /** Adds a request header (repeatable). */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (name.equalsIgnoreCase("Accept")) {
                acceptHeader = false;
            }
            return this;
        }

        /** Adds {@code name=value} pairs as headers: {@code headers("Authorization", "Bearer x", ...)}. */
        public Builder headers(String... nameValuePairs) {
            if (nameValuePairs.length % 2 != 0) {
                throw new IllegalArgumentException("headers need name/value pairs, got an odd count");
            }
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                header(nameValuePairs[i], nameValuePairs[i + 1]);
            }
            return this;
        }

        public Builder authorization(String bearerToken) {
            return header("Authorization", "Bearer " + bearerToken);
        }

        public Builder lastEventId(String id) {
            return header("Last-Event-ID", id);
        }

        public Builder cookie(String name, String value) {
            return header("Cookie", name + "=" + value);
        }

        /** How long {@link SseClient#status()} and {@link SseClient#headers()} wait; default 10 s. */
        public Builder headersTimeout(Duration timeout) {
            this.headersTimeout = timeout;
            return this;
        }

        /** Uses another client (e.g. with a cookie handler); HTTP/1.1 recommended. */
        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        /**
         * Subscribes with {@code QUERY} (draft-08) instead of GET: {@code form} is the body, sent as
         * {@code application/x-www-form-urlencoded} unless a Content-Type header is given.
         */
        public Builder query(String form) {
            this.method = "QUERY";
            this.body = form;
            return this;
        }

        /** Sends the request; does not wait for the response (Liberty withholds headers until the first write). */
        public SseClient open() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            if (body == null) {
                request.GET();
            } else {
                request.method(method, HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8));
                if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                    request.header("Content-Type", "application/x-www-form-urlencoded");
                }
            }
            if (acceptHeader) {
                request.header("Accept", "text/event-stream");
            }
            headers.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
            return new SseClient(method, uri, headersTimeout, client.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
    }

    private SseClient(String method, URI uri, Duration headersTimeout, CompletableFuture<HttpResponse<InputStream>> response) {
        this.method = method;
        this.uri = uri;
        this.headersTimeout = headersTimeout;
        this.response = response;
        response.whenComplete((r, error) -> {
            if (error != null) {
                if (!closed) {
                    failure.compareAndSet(null, error);
                }
                ended.countDown();
                return;
            }
            body = r.body();
            if (closed) {
                closeQuietly(body);
                ended.countDown();
                return;
            }
            Thread reader = new Thread(() -> read(r.body()), "sse-client " + uri);
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(InputStream in) {
        SseParser[] self = new SseParser[1];
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                // the sticky id must be visible before the event can be taken: a test that reads the
                // event and then asks lastEventId() must not see the previous event's id
                lastEventId = self[0].lastEventId();
                eventCount++;
                events.add(event);
            }

            @Override
            public void onComment(String comment) {
                allComments.add(comment);
                comments.add(comment);
            }
        });
        self[0] = parser;
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (raw) {
                    raw.write(buffer, 0, n);
                }
                parser.feed(buffer, 0, n);
                lastEventId = parser.lastEventId();
                retry = parser.retry();
            }
            parser.end();
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                failure.compareAndSet(null, e);
            }
        } finally {
            ended.countDown();
        }
    }

    /** @return the URI this stream was opened on. */
    public URI uri() {
        return uri;
    }

    /** Waits (up to the builder's headers timeout) for the response head. */
    public HttpResponse<InputStream> response() {
        return awaitResponse(headersTimeout);
    }

    /** Waits up to {@code timeout} for the response head; fails the test if it does not come. */
    public HttpResponse<InputStream> awaitResponse(Duration timeout) {
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no response headers within " + timeout + " (the server may hold"
                    + " headers until its first write); " + describe());
        } catch (ExecutionException e) {
            throw new AssertionError("request failed: " + e.getCause() + "; " + describe(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the HTTP status, waiting for the headers if needed. */
    public int status() {
        return response().statusCode();
    }

    /** @return the response headers, waiting for them if needed. */
    public HttpHeaders headers() {
        return response().headers();
    }

    /** @return the first value of response header {@code name}, or {@code null}. */
    public String header(String name) {
        return headers().firstValue(name).orElse(null);
    }

    /** @return the next event; fails the test if none arrives within {@code timeout}. */
    public SseEvent next(Duration timeout) {
        SseEvent event = poll(events, timeout);
        if (event == null) {
            throw new AssertionError("no event within " + timeout + "; " + describe());
        }
        return event;
    }

    /**
     * @return the first event whose data is {@code data}, the events before it passed over, within
     *     {@code timeout} in total
     */
    public SseEvent nextWithData(String data, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent event = poll(events, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError("no event with data " + data + " within " + timeout + "; " + describe());
            }
            if (data.equals(event.data())) {
                return event;
            }
        }
    }

    /** @return the next {@code n} events, all within {@code timeout} in total. */
    public List<SseEvent> nextN(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseEvent> got = new ArrayList<>(n);
        while (got.size() < n) {
            SseEvent event = poll(events, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError("expected " + n + " events within " + timeout + ", got " + got.size()
                        + ": " + got + "; " + describe());
            }
            got.add(event);
        }
        return got;
    }

    /**
     * @return {@code true} if no event arrives within {@code window}; {@code false} if one does (that
     *         event stays queued for {@link #next}).
     */
    public boolean noEventWithin(Duration window) {
        SseEvent event = poll(events, window);
        if (event == null) {
            return true;
        }
        events.addFirst(event);
        return false;
    }

    /** @return the next comment line (without the {@code :}); fails the test on timeout. */
    public String nextComment(Duration timeout) {
        String comment = poll(comments, timeout);
        if (comment == null) {
            throw new AssertionError("no comment within " + timeout + "; " + describe());
        }
        return comment;
    }

    /** @return every comment received so far (keep-alives included), without the {@code :}. */
    public List<String> comments() {
        return List.copyOf(allComments);
    }

    public int commentCount() {
        return allComments.size();
    }

    /** @return how many events were dispatched so far (taken or not). */
    public int eventCount() {
        return eventCount;
    }

    /** @return the sticky last event ID per the spec ({@code ""} before any id field). */
    public String lastEventId() {
        return lastEventId;
    }

    /** @return the last valid retry value received, or {@code null}. */
    public Long retry() {
        return retry;
    }

    /** Raw mode: every body byte received so far, exactly as received. */
    public byte[] receivedBytes() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    /** Raw mode: {@link #receivedBytes()} decoded as UTF-8. */
    public String receivedText() {
        synchronized (raw) {
            return raw.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Raw mode: waits until the received text contains {@code expected}.
     *
     * @return all text received so far
     */
    public String awaitReceivedText(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = receivedText();
            if (text.contains(expected)) {
                return text;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("did not receive " + quote(expected) + " within " + timeout + "; "
                        + describe());
            }
            sleep(10);
        }
    }

    /** @return {@code true} if the body ended (server closed it, or the request failed) within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the error that ended the stream (not counting {@link #close()}), or {@code null}. */
    public Throwable failure() {
        return failure.get();
    }

    /** Aborts the exchange and drops the TCP connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // before the headers: cancelling the future aborts the exchange (JDK 16+, JDK-8245462)
        response.cancel(true);
        InputStream in = body;
        if (in != null) {
            // after the headers: closing an unfinished HTTP/1.1 body closes the connection
            closeQuietly(in);
        }
    }

    /** @return a one-line summary of the stream state, for failure messages. */
    public String describe() {
        String status;
        if (response.isDone() && !response.isCompletedExceptionally() && !response.isCancelled()) {
            status = String.valueOf(response.join().statusCode());
        } else if (response.isCompletedExceptionally()) {
            status = "request failed";
        } else {
            status = "headers not received";
        }
        String text = receivedText();
        String tail = text.length() > 400 ? "..." + text.substring(text.length() - 400) : text;
        return method + " " + uri + " status=" + status + ", events=" + eventCount + " (queued " + events.size()
                + "), comments=" + allComments.size() + ", ended=" + (ended.getCount() == 0)
                + (failure.get() != null ? ", failure=" + failure.get() : "")
                + ", received " + quote(tail);
    }

    @Override
    public String toString() {
        return "SseClient[" + describe() + "]";
    }

    private static <T> T poll(LinkedBlockingDeque<T> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
