package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.server.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command line's HTTP calls to a hub (JDK {@link HttpClient}): publish a form, read an event stream.
 * Every failure becomes a one-line {@link UserError} with exit code 1: the hub is unreachable, or it
 * answered an error (its status, body and {@code WWW-Authenticate} challenge, as sent).
 */
final class HubClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    /** Error bodies are one-line explanations; a longer one is cut so that the message stays one line. */
    private static final int MAX_ERROR_BODY = 500;

    /** One event of a stream, as an {@code EventSource} would dispatch it. */
    record Event(String id, String type, String data) {
    }

    private final URI hub;
    // HTTP/1.1: the JDK client's default (HTTP/2 with an h2c upgrade on http://) buys nothing for one call
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    HubClient(URI hub) {
        this.hub = hub;
    }

    /** POSTs {@code form} (already encoded) and returns the id the hub assigned. */
    String publish(String form, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub).timeout(PUBLISH_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw refused(response.statusCode(), response.body(), response);
        }
        return response.body().trim();
    }

    /**
     * Subscribes at {@code url} and hands each event to {@code onEvent} until the hub ends the stream;
     * {@code onOpen} runs once the hub has accepted the subscription (its response headers).
     *
     * @return normally when the hub ended the stream
     */
    void subscribe(URI url, Map<String, String> headers, Consumer<HttpResponse<?>> onOpen, Consumer<Event> onEvent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw refused(response.statusCode(), new String(body.readNBytes(MAX_ERROR_BODY * 4), StandardCharsets.UTF_8),
                        response);
            }
            onOpen.accept(response);
            read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), onEvent);
        } catch (IOException e) {
            throw new UserError(UserError.FAILED, "the stream from " + hub + " broke: " + describe(e));
        }
    }

    /**
     * The event stream format of the HTML standard, reduced to what a debugging tool shows: {@code data}
     * lines joined with line feeds, {@code event} (default {@code message}), and {@code id}, which persists
     * across events as EventSource's last event id does. Comments and {@code retry} are skipped.
     */
    static void read(BufferedReader reader, Consumer<Event> onEvent) throws IOException {
        StringBuilder data = null;
        String type = null;
        String lastId = "";
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    onEvent.accept(new Event(lastId, type == null ? "message" : type, data.toString()));
                }
                data = null;
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                }
                default -> {
                    // retry and unknown fields: nothing to show
                }
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UserError(UserError.FAILED, "cannot reach the hub at " + hub + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.FAILED, "interrupted");
        }
    }

    private UserError refused(int status, String body, HttpResponse<?> response) {
        StringBuilder message = new StringBuilder("the hub at ").append(hub).append(" answered ").append(status);
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_ERROR_BODY) {
            text = text.substring(0, MAX_ERROR_BODY) + "…";
        }
        if (!text.isEmpty()) {
            message.append(": ").append(text);
        }
        response.headers().firstValue("WWW-Authenticate")
                .ifPresent(challenge -> message.append(" (WWW-Authenticate: ").append(challenge).append(')'));
        return new UserError(UserError.FAILED, message.toString());
    }

    /** The JDK's exceptions often have no message (a refused connection): say what happened in words. */
    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + PUBLISH_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused (is the hub running? `mercure hub` starts one)";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
