package io.github.mercurejakarta.hub;

import java.util.Locale;

/**
 * A limit the hub enforces on a request, with the configuration key that sets it and the status the
 * request is refused with. Each refusal is counted ({@link HubMetrics#limitRejections(Limit)}) and
 * logged, at most once a minute per limit ({@code MERCURE0401W}).
 */
public enum Limit {
    /** Open streams on this node ({@code mercure.hub.max.connections}): 429. */
    CONNECTIONS("mercure.hub.max.connections", 429),
    /** Open streams from one client address ({@code mercure.hub.max.connections.per.address}): 429. */
    CONNECTIONS_PER_ADDRESS("mercure.hub.max.connections.per.address", 429),
    /** Selectors in one subscription ({@code mercure.hub.max.selectors}): 400. */
    SELECTORS("mercure.hub.max.selectors", 400),
    /** Length of one selector: topic, URI template or URL pattern ({@code mercure.hub.max.selector.length}): 400. */
    SELECTOR_LENGTH("mercure.hub.max.selector.length", 400),
    /** Topics in one update ({@code mercure.hub.max.topics}): 400. */
    TOPICS("mercure.hub.max.topics", 400),
    /** Bytes in one publish body ({@code mercure.hub.max.body.size}): 413. */
    BODY_SIZE("mercure.hub.max.body.size", 413);

    private final String key;
    private final int status;

    Limit(String key, int status) {
        this.key = key;
        this.status = status;
    }

    /** @return the configuration key that sets the limit */
    public String key() {
        return key;
    }

    /** @return the HTTP status a request over the limit gets */
    public int status() {
        return status;
    }

    /** @return the label value in metrics, e.g. {@code connections_per_address} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
