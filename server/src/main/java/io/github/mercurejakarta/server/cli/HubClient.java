package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.server.UserError;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The command line's HTTP calls to a hub (JDK {@link HttpClient}): publish a form ({@code mercure subscribe}
 * uses the library's {@code MercureSubscriber}).
 * Every failure becomes a one-line {@link UserError} with exit code 1: the hub is unreachable, or it
 * answered an error (its status, body and {@code WWW-Authenticate} challenge, as sent).
 */
final class HubClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    /** Error bodies are one-line explanations; a longer one is cut so that the message stays one line. */
    private static final int MAX_ERROR_BODY = 500;

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
