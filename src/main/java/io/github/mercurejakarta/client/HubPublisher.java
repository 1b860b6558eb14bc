package io.github.mercurejakarta.client;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.exceptions.HubAuthorizationException;
import io.github.mercurejakarta.exceptions.HubException;
import io.github.mercurejakarta.exceptions.HubRejectedUpdateException;
import io.github.mercurejakarta.exceptions.HubServerException;
import io.github.mercurejakarta.exceptions.HubTimeoutException;
import io.github.mercurejakarta.exceptions.HubUnreachableException;
import io.github.mercurejakarta.exceptions.MercureException;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.PercentEncoding;
import io.github.mercurejakarta.tracing.HubTracing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Publishes updates to an external Mercure hub (the Mercure.rocks hub, the standalone hub of this
 * project, any hub of either draft): {@code POST} of the form ({@code topic}..., {@code data},
 * {@code private}, {@code id}, {@code type}, {@code retry}) with the publisher token, and the id the
 * hub answered.
 *
 * <pre>{@code
 * HubPublisher hub = HubPublisher.create(MercureConfig.of(Map.of(
 *         "mercure.hub.url", "https://hub.example.com/.well-known/mercure",
 *         "mercure.publisher.secret.key", secret)));
 * String id = hub.publish(Update.of("https://example.com/books/1", "{}"));
 * hub.publishAsync(update).thenAccept(id -> log.info("published " + id));
 * }</pre>
 *
 * <p>Every failure is a typed {@link HubException}: {@link HubUnreachableException},
 * {@link HubTimeoutException} ({@code mercure.hub.timeout}), {@link HubAuthorizationException} (401/403,
 * with the hub's {@code WWW-Authenticate}), {@link HubRejectedUpdateException} (400/413, with the hub's
 * message), {@link HubServerException} (5xx); an error body is never returned as if it were an id.
 *
 * <p>One {@link HttpClient} per publisher: its connection pool keeps connections to the hub alive
 * between publications; {@link #publishAsync} waits on no thread (the client's selector completes it).
 * Thread-safe.
 */
public final class HubPublisher {

    /** Longest hub message kept in an exception; hubs answering with a whole HTML page are cut short. */
    static final int MAX_MESSAGE = 500;

    private final URI hubUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final PublisherTokens tokens;
    private final String protocolVersion;
    private final String audience;
    private final HubDialectProbe probe;
    private final HubTracing tracing;

    private HubPublisher(MercureConfig config, HubTracing tracing) {
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.hubUrl = URI.create(config.hubUrl().orElseThrow(() -> new ConfigurationException(
                MercureConfig.Key.HUB_URL.key(), "publishing to an external hub needs its URL")));
        this.timeout = config.hubTimeout();
        this.tokens = PublisherTokens.from(config);
        this.protocolVersion = config.protocolVersion();
        this.audience = config.audience().orElse(hubUrl.toString());
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirected POST would lose its body or its token
                .build();
        this.probe = new HubDialectProbe(http, hubUrl, timeout, this::failure);
    }

    /**
     * A publisher for the hub named by {@code mercure.hub.url}.
     *
     * @throws ConfigurationException when the URL or the publisher credential is missing or unusable
     */
    public static HubPublisher create(MercureConfig config) {
        return create(config, HubTracing.OFF);
    }

    /**
     * Like {@link #create(MercureConfig)}; each publication carries the trace context current where it is
     * published ({@code traceparent}), so that the hub's spans join the application's trace.
     *
     * <pre>{@code
     * HubPublisher hub = HubPublisher.create(config, OpenTelemetryTracing.of(openTelemetry, "OTLP"));
     * }</pre>
     */
    public static HubPublisher create(MercureConfig config, HubTracing tracing) {
        return new HubPublisher(Objects.requireNonNull(config, "config"), tracing);
    }

    /**
     * Checks, without opening anything, that {@link #create} would succeed: run at deployment so that an
     * unusable publisher key fails the deployment rather than the first publish.
     *
     * @throws ConfigurationException naming the key at fault
     */
    public static void checkConfiguration(MercureConfig config) {
        PublisherTokens.from(config);
    }

    /** @return the hub this publisher posts to */
    public URI hubUrl() {
        return hubUrl;
    }

    /**
     * Publishes and waits for the hub's answer (at most {@code mercure.hub.timeout}).
     *
     * @return the id the hub answered
     * @throws io.github.mercurejakarta.exceptions.HubUnavailableException when the hub cannot be reached,
     *     does not answer in time or fails (5xx)
     * @throws io.github.mercurejakarta.exceptions.UpdateRejectedException when it refuses the update or the token
     * @throws HubException for any other answer (the hub URL names no hub that takes publications)
     */
    public String publish(Update update) {
        CompletableFuture<String> answer = publishAsync(update).toCompletableFuture();
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new MercureException("interrupted while publishing to " + hubUrl, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MercureException m) {
                throw m;
            }
            throw new HubException("publishing to " + hubUrl + " failed: " + cause, hubUrl.toString(), 0, null, cause);
        }
    }

    /**
     * Publishes without blocking the caller.
     *
     * @return a stage completed with the id the hub answered, or failed with the exception
     *     {@link #publish} would throw
     */
    public CompletionStage<String> publishAsync(Update update) {
        Objects.requireNonNull(update, "update");
        // read on the caller's thread: the probe's stage may complete on the HTTP client's
        Map<String, String> traceHeaders = Map.of();
        if (tracing.enabled()) {
            Map<String, String> current = new LinkedHashMap<>();
            tracing.propagate(current::put);
            traceHeaders = current;
        }
        Map<String, String> trace = traceHeaders;
        return dialect().thenCompose(dialect -> send(update, dialect, trace));
    }

    /** @return the dialect tokens are minted in: configured, or found by the one-time probe (auto). */
    CompletableFuture<OutboundDialect> dialect() {
        switch (protocolVersion) {
            case "7":
                return CompletableFuture.completedFuture(new OutboundDialect(Dialect.DRAFT_07, hubUrl.toString()));
            case "8":
                return CompletableFuture.completedFuture(new OutboundDialect(Dialect.DRAFT_08, audience));
            default:
                if (tokens.fixed()) {
                    // a configured token is sent as is: no need to know the hub's draft
                    return CompletableFuture.completedFuture(new OutboundDialect(Dialect.DRAFT_07, hubUrl.toString()));
                }
                return probe.dialect();
        }
    }

    private CompletableFuture<String> send(Update update, OutboundDialect dialect, Map<String, String> traceHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hubUrl)
                .timeout(timeout)
                .version(versionFor(hubUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + tokens.token(dialect));
        traceHeaders.forEach(builder::header);
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(form(update))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failure(failure));
                    }
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return stripLineBreak(response.body());
                    }
                    throw new CompletionException(statusException(hubUrl.toString(), "publishing " + update, response));
                });
    }

    /** @return the publication form of {@code update}, UTF-8, {@code application/x-www-form-urlencoded} */
    static String form(Update update) {
        StringBuilder form = new StringBuilder();
        for (String topic : update.topics()) {
            field(form, "topic", topic);
        }
        field(form, "data", update.data());
        if (update.isPrivate()) {
            field(form, "private", "on"); // presence alone makes it private; "on" is what the spec recommends
        }
        if (update.id() != null) {
            field(form, "id", update.id());
        }
        if (update.type() != null) {
            field(form, "type", update.type());
        }
        if (update.retry() != null) {
            field(form, "retry", update.retry().toString());
        }
        return form.toString();
    }

    private static void field(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(name).append('=').append(PercentEncoding.FORM.encode(value));
    }

    /** Plain http gets HTTP/1.1: an h2c upgrade on a POST is refused or mishandled by some hubs and proxies. */
    static HttpClient.Version versionFor(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }

    /** Turns a failure of the HTTP exchange (no answer) into the typed exception. */
    Throwable failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String hub = hubUrl.toString();
        if (cause instanceof MercureException) {
            return cause;
        }
        if (cause instanceof HttpTimeoutException) {
            return new HubTimeoutException("the Mercure hub " + hub + " did not answer within " + timeout.toMillis()
                    + " ms (mercure.hub.timeout)", hub, timeout, cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new HubUnreachableException("cannot reach the Mercure hub " + hub + ": " + describe(cause), hub, cause);
        }
        return new HubException("publishing to the Mercure hub " + hub + " failed: " + describe(cause), hub, 0, null, cause);
    }

    /** Turns a non-2xx answer into the typed exception, carrying the hub's message and challenge. */
    static MercureException statusException(String hub, String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = message(response.body());
        String said = body.isEmpty() ? "" : ": " + body;
        if (status == 401 || status == 403) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
            return new HubAuthorizationException("the Mercure hub " + hub + " refused the publisher token (" + status
                    + (challenge == null ? "" : ", " + challenge) + ")" + said
                    + "; check mercure.publisher.jwt / mercure.publisher.secret.key and mercure.protocol.version",
                    hub, status, challenge, body);
        }
        if (status == 400 || status == 413) {
            return new HubRejectedUpdateException("the Mercure hub " + hub + " refused " + what + " (" + status + ")" + said,
                    hub, status, body);
        }
        if (status >= 500) {
            return new HubServerException("the Mercure hub " + hub + " failed (" + status + ")" + said, hub, status, body);
        }
        return new HubException("unexpected answer " + status + " from the Mercure hub " + hub + " when " + what + said
                + (status == 404 || status == 405 ? " (is mercure.hub.url the hub's URL, and does the hub accept publications?)" : ""),
                hub, status, body, null);
    }

    private static String message(String body) {
        if (body == null) {
            return "";
        }
        String m = body.strip();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }

    private static String stripLineBreak(String body) {
        int end = body.length();
        while (end > 0 && (body.charAt(end - 1) == '\n' || body.charAt(end - 1) == '\r')) {
            end--;
        }
        return body.substring(0, end);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : " (" + m + ")");
    }
}
