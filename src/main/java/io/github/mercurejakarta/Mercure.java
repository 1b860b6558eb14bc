package io.github.mercurejakarta;

import java.util.concurrent.CompletionStage;

/**
 * Publishes Mercure updates: to the embedded hub in-process, or to an external hub over HTTP.
 *
 * <pre>{@code
 * @Inject Mercure mercure;
 *
 * String id = mercure.publish("https://example.com/books/1", "{\"title\":\"Dune\"}");
 * mercure.publish("https://example.com/books/1", book);          // serialised with JSON-B
 * mercure.publish(Update.builder().topic("chat").data("hi").privateUpdate(true).build());
 * }</pre>
 */
public interface Mercure {

    /**
     * Publishes {@code update} and returns its id (the one given, or the one the hub generated).
     *
     * @throws MercureException when the update is invalid or the hub refuses or cannot be reached
     */
    String publish(Update update);

    /**
     * Publishes {@code data} on {@code topic}. A {@link String} is sent as is; any other object is
     * serialised with JSON-B.
     */
    default String publish(String topic, Object data) {
        return publish(update(topic, data));
    }

    /** Like {@link #publish(Update)} without making the caller wait for the hub. */
    CompletionStage<String> publishAsync(Update update);

    /** Builds the update {@link #publish(String, Object)} sends, serialising non-String data. */
    Update update(String topic, Object data);
}
