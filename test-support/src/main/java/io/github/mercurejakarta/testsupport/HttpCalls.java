package io.github.mercurejakarta.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain one-shot HTTP calls for tests (HTTP/1.1, no redirects, 30 s request timeout). Headers are given
 * as {@code name, value, name, value, ...}. Transport errors are thrown as {@link AssertionError}.
 *
 * <pre>{@code
 * HttpResponse<String> r = HttpCalls.postForm(hub, Form.of("topic", "a", "data", "x"),
 *         "Authorization", "Bearer " + jwt);
 * assertEquals(200, r.statusCode());
 * }</pre>
 */
public final class HttpCalls {

    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpCalls() {
    }

    /** @return the shared client (HTTP/1.1, no redirects). */
    public static HttpClient client() {
        return CLIENT;
    }

    /** POSTs {@code form} as {@code application/x-www-form-urlencoded; charset=UTF-8}. */
    public static HttpResponse<String> postForm(URI uri, Form form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(form.encode()))
                .header("Content-Type", FORM_CONTENT_TYPE);
        return send(withHeaders(request, headers));
    }

    /** POSTs a raw body with the given content type. */
    public static HttpResponse<String> post(URI uri, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        return send(withHeaders(request, headers));
    }

    /**
     * A {@code QUERY} request (the safe method with a body that the hub also subscribes with) carrying
     * {@code body}, with {@code contentType} unless it is null; {@link #send} sends it.
     */
    public static HttpRequest.Builder queryRequest(URI uri, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method("QUERY", HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return withHeaders(request, headers);
    }

    public static HttpResponse<String> get(URI uri, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri).GET(), headers));
    }

    /** Sends any request (timeout added if absent), reading the body as a UTF-8 string. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        if (built.timeout().isEmpty()) {
            built = request.timeout(REQUEST_TIMEOUT).build();
        }
        try {
            return CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers need name/value pairs, got an odd count");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }
}
