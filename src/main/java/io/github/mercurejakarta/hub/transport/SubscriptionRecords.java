package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of an active-subscription record that transports shared by several nodes store (Redis,
 * PostgreSQL): the format every node of a cluster reads, whichever version of the hub wrote it.
 *
 * <pre>{@code
 * String json = SubscriptionRecords.toJson(subscription);
 * ActiveSubscription same = SubscriptionRecords.fromJson(json);
 * }</pre>
 */
public final class SubscriptionRecords {

    private SubscriptionRecords() {
    }

    /** @return the record's JSON object */
    public static String toJson(ActiveSubscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("dialect", Dialect.ofVersion(s.protocolVersion()).name()); // the record format nodes share
        m.put("matchType", s.matchType());
        m.put("match", s.match());
        m.put("subscriber", s.subscriber());
        m.put("active", s.active());
        m.put("payload", s.payload());
        return Json.write(m);
    }

    /**
     * @return the record {@link #toJson} wrote
     * @throws TransportException when {@code json} is not such a record (the store holds something else)
     */
    public static ActiveSubscription fromJson(String json) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new TransportException("a stored subscription record is not JSON: " + e.getMessage(), e);
        }
        return new ActiveSubscription((String) m.get("id"), Dialect.valueOf((String) m.get("dialect")).version(),
                (String) m.get("matchType"), (String) m.get("match"), (String) m.get("subscriber"),
                Boolean.TRUE.equals(m.get("active")), m.get("payload"));
    }
}
