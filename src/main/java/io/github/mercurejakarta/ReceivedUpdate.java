package io.github.mercurejakarta;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.Objects;

/**
 * One update as a {@link MercureSubscriber} received it from a hub: its id, its type (the SSE event
 * name, {@code message} when the publisher gave none) and its data. The topic is not part of what a hub
 * sends a subscriber; {@link MercureSubscriber} selectors say which topics can arrive.
 *
 * <pre>{@code
 * ReceivedUpdate u = ...;                    // from MercureSubscriber's onNext
 * String json = u.data();
 * Book book = u.data(Book.class);            // decoded with JSON-B
 * log.info(u.id() + " " + u.type());         // urn:uuid:... message
 * }</pre>
 */
public final class ReceivedUpdate {

    private final String id;
    private final String type;
    private final String data;
    private final Jsonb jsonb;

    private ReceivedUpdate(String id, String type, String data, Jsonb jsonb) {
        this.id = id == null ? "" : id;
        this.type = type == null || type.isEmpty() ? "message" : type;
        this.data = Objects.requireNonNull(data, "data");
        this.jsonb = jsonb;
    }

    /**
     * An update, as a subscriber makes them (and a test of a consumer): {@code ReceivedUpdate.of("urn:uuid:1", "message", "{}", null)}.
     *
     * @param id    the event id ({@code ""} or null: none)
     * @param type  the event type (null or {@code ""}: {@code message})
     * @param data  the data, lines joined with {@code \n}
     * @param jsonb the JSON-B that {@link #data(Class)} uses; null for a default one (made at first use)
     * @return the update
     */
    public static ReceivedUpdate of(String id, String type, String data, Jsonb jsonb) {
        return new ReceivedUpdate(id, type, data, jsonb);
    }

    /** @return the update's id, e.g. {@code urn:uuid:...}; what a reconnection sends as {@code Last-Event-ID} */
    public String id() {
        return id;
    }

    /** @return the SSE event type: the update's {@code type}, or {@code message}: {@code if (u.type().equals("message"))} */
    public String type() {
        return type;
    }

    /** @return the data as sent, lines joined with {@code \n}: {@code String json = u.data();} */
    public String data() {
        return data;
    }

    /**
     * The data decoded from JSON with JSON-B (the subscriber's, else a default {@code JsonbBuilder.create()}).
     *
     * <pre>{@code Book book = u.data(Book.class);}</pre>
     *
     * @param type the class to decode into
     * @param <T>  that class
     * @return the decoded data
     * @throws jakarta.json.bind.JsonbException when the data is not JSON of that shape
     */
    public <T> T data(Class<T> type) {
        Jsonb j = jsonb != null ? jsonb : DefaultJsonb.INSTANCE;
        return j.fromJson(data, type);
    }

    @Override
    public String toString() {
        return "ReceivedUpdate[id=" + id + ", type=" + type + ", data=" + data.length() + " chars]";
    }

    /** Made at the first {@link #data(Class)} without a JSON-B of the subscriber's (the class loads on demand). */
    private static final class DefaultJsonb {
        static final Jsonb INSTANCE = JsonbBuilder.create();
    }
}
