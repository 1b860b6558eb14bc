package io.github.mercurejakarta.client;

import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds out, once and lazily, which draft an external hub speaks (mercure.protocol.version=auto): a
 * draft-08 hub serves RFC 9728 protected-resource metadata at
 * {@code /.well-known/oauth-protected-resource} + the hub's path (spec item 13); a draft-07 hub does not
 * (item 14: a missing document hints at a pre-standard hub).
 *
 * <p>The answer is cached for the life of the application. A failed look-up (hub down, timeout, 5xx)
 * is not cached: the publish that needed it fails with the same typed exception a publish would get,
 * and the next publish looks again.
 */
final class HubDialectProbe {

    private static final Logger LOG = Logger.getLogger(HubDialectProbe.class.getName());

    private final HttpClient http;
    private final URI hubUrl;
    private final Duration timeout;
    private final Function<Throwable, Throwable> failureMapper;
    private final AtomicReference<CompletableFuture<OutboundDialect>> answer = new AtomicReference<>();

    /**
     * @param failureMapper turns a transport failure into the publisher's typed exception
     */
    HubDialectProbe(HttpClient http, URI hubUrl, Duration timeout, Function<Throwable, Throwable> failureMapper) {
        this.http = http;
        this.hubUrl = hubUrl;
        this.timeout = timeout;
        this.failureMapper = failureMapper;
    }

    /** @return the hub's dialect, looked up at the first call and cached once known. */
    CompletableFuture<OutboundDialect> dialect() {
        CompletableFuture<OutboundDialect> current = answer.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<OutboundDialect> mine = new CompletableFuture<>();
        if (!answer.compareAndSet(current, mine)) {
            return dialect();
        }
        lookUp().whenComplete((d, e) -> {
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(d);
            }
        });
        return mine;
    }

    /** @return the RFC 9728 metadata URL of {@code hub}: the well-known path inserted before the hub's path. */
    static URI metadataUrl(URI hub) {
        String path = hub.getRawPath() == null || "/".equals(hub.getRawPath()) ? "" : hub.getRawPath();
        String query = hub.getRawQuery() == null ? "" : "?" + hub.getRawQuery();
        return URI.create(hub.getScheme() + "://" + hub.getRawAuthority() + "/.well-known/oauth-protected-resource"
                + path + query);
    }

    private CompletableFuture<OutboundDialect> lookUp() {
        URI url = metadataUrl(hubUrl);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .version(HubPublisher.versionFor(url))
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new java.util.concurrent.CompletionException(failureMapper.apply(failure));
                    }
                    return interpret(url, response);
                });
    }

    private OutboundDialect interpret(URI url, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new java.util.concurrent.CompletionException(HubPublisher.statusException(
                    hubUrl.toString(), "looking up " + url, response));
        }
        if (status != 200) {
            LOG.log(Level.FINE, "no protected-resource metadata at {0} ({1}): the hub speaks draft-07",
                    new Object[] {url, status});
            return draft07();
        }
        try {
            Map<String, Object> metadata = Json.parseObject(response.body());
            Object resource = metadata.get("resource");
            if (hubUrl.toString().equals(resource)) {
                LOG.log(Level.FINE, "protected-resource metadata at {0}: the hub speaks draft-08", url);
                return new OutboundDialect(Dialect.DRAFT_08, (String) resource);
            }
            // Spec item 14: a client MUST check that resource is the identifier the URL was built from.
            LOG.log(Level.WARNING, "MERCURE0501W the protected-resource metadata at {0} names resource {1}, not the hub"
                    + " URL {2}; ignoring it and publishing in draft-07 (set mercure.protocol.version=8 and"
                    + " mercure.hub.audience to force draft-08)", new Object[] {url, resource, hubUrl});
            return draft07();
        } catch (IllegalArgumentException | ClassCastException e) {
            LOG.log(Level.WARNING, "MERCURE0502W the protected-resource metadata at {0} is not a JSON object ({1});"
                    + " publishing in draft-07", new Object[] {url, e.getMessage()});
            return draft07();
        }
    }

    private OutboundDialect draft07() {
        return new OutboundDialect(Dialect.DRAFT_07, hubUrl.toString());
    }
}
