package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.ActiveSubscription;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SubscriptionDocumentsTest {

    private static final ActiveSubscription D07 = new ActiveSubscription("/.well-known/mercure/subscriptions/t/urn%3Auuid%3A1",
            7, null, "t", "urn:uuid:1", true, Map.of("user", "alice"));
    private static final ActiveSubscription D08 = new ActiveSubscription("/.well-known/mercure/subscriptions/exact/t/urn%3Auuid%3A1",
            8, "exact", "t", "urn:uuid:1", false, null);

    @Test
    void draft07DocumentIsJsonLdWithTopic() {
        assertEquals("{\"@context\":\"https://mercure.rocks/\",\"id\":\"/.well-known/mercure/subscriptions/t/urn%3Auuid%3A1\","
                        + "\"type\":\"Subscription\",\"topic\":\"t\",\"subscriber\":\"urn:uuid:1\",\"active\":true,"
                        + "\"payload\":{\"user\":\"alice\"}}",
                SubscriptionDocuments.subscription(D07, null), "context, id = topic, Subscription, topic, subscriber, active, payload");
    }

    @Test
    void draft07ApiAnswerCarriesLastEventIdAtTheRoot() {
        assertTrue(SubscriptionDocuments.subscription(D07, "urn:uuid:e").endsWith(",\"lastEventID\":\"urn:uuid:e\"}"),
                "the single resource of the draft-07 API has lastEventID");
    }

    @Test
    void draft08DocumentIsPlainJsonWithMatcher() {
        assertEquals("{\"id\":\"/.well-known/mercure/subscriptions/exact/t/urn%3Auuid%3A1\",\"type\":\"subscription\","
                        + "\"match_type\":\"exact\",\"match\":\"t\",\"subscriber\":\"urn:uuid:1\",\"active\":false}",
                SubscriptionDocuments.subscription(D08, "ignored"), "no context, no cursor in the body, no payload when none");
    }

    @Test
    void collectionsHaveIdTypeAndMembers() {
        assertEquals("{\"@context\":\"https://mercure.rocks/\",\"id\":\"/p\",\"type\":\"Subscriptions\",\"lastEventID\":\"earliest\","
                        + "\"subscriptions\":[{\"id\":\"/.well-known/mercure/subscriptions/t/urn%3Auuid%3A1\",\"type\":\"Subscription\","
                        + "\"topic\":\"t\",\"subscriber\":\"urn:uuid:1\",\"active\":true,\"payload\":{\"user\":\"alice\"}}]}",
                SubscriptionDocuments.collection(Dialect.DRAFT_07, "/p", List.of(D07), "earliest"), "draft-07 collection");
        assertEquals("{\"id\":\"/p\",\"type\":\"subscriptions\",\"subscriptions\":[]}",
                SubscriptionDocuments.collection(Dialect.DRAFT_08, "/p", List.of(), "earliest"), "an empty draft-08 collection is []");
    }

    @Test
    void payloadFilterNeedsEveryEntryAndComparesNumbersByValue() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user", "alice");
        payload.put("level", 3L);
        ActiveSubscription s = D07.withActive(true);
        s = new ActiveSubscription(s.id(), s.protocolVersion(), null, "t", "urn:uuid:1", true, payload);
        assertTrue(s.payloadContains(Map.of("user", "alice", "level", 3)), "3 (int) equals 3L from JSON");
        assertFalse(s.payloadContains(Map.of("user", "alice", "level", 4)), "one entry differs");
        assertFalse(s.payloadContains(Map.of("room", "x")), "a missing key");
        assertTrue(s.payloadContains(Map.of()), "an empty filter matches");
        assertFalse(D08.payloadContains(Map.of("user", "alice")), "no payload matches no non-empty filter");
    }
}
