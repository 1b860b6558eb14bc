package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.ActiveSubscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the active-subscriptions feature, in each draft's form. The same document is
 * the body of a subscription event and of the API's single-subscription resource.
 *
 * <ul>
 *   <li>draft-07 (JSON-LD, {@code application/ld+json}): {@code {"@context":"https://mercure.rocks/",
 *       "id":...,"type":"Subscription","topic":...,"subscriber":...,"active":true,"payload":...}};
 *       collections are {@code "type":"Subscriptions"}; API answers carry {@code lastEventID} at the root.</li>
 *   <li>draft-08 (plain JSON, {@code application/json}): {@code {"id":...,"type":"subscription",
 *       "match_type":...,"match":...,"subscriber":...,"active":true,"payload":...}}; collections are
 *       {@code "type":"subscriptions"}; the cursor travels in the {@code Link} header.</li>
 * </ul>
 *
 * <pre>{@code
 * String json = SubscriptionDocuments.subscription(s, null);          // event body
 * String list = SubscriptionDocuments.collection(Dialect.DRAFT_08, path, subs, lastEventId);
 * }</pre>
 */
public final class SubscriptionDocuments {

    /** The JSON-LD context of draft-07 documents. */
    public static final String JSONLD_CONTEXT = "https://mercure.rocks/";
    public static final String DRAFT_07_CONTENT_TYPE = "application/ld+json";
    public static final String DRAFT_08_CONTENT_TYPE = "application/json";

    private SubscriptionDocuments() {
    }

    /** @return the content type of API answers in {@code dialect} */
    public static String contentType(Dialect dialect) {
        return dialect == Dialect.DRAFT_07 ? DRAFT_07_CONTENT_TYPE : DRAFT_08_CONTENT_TYPE;
    }

    /**
     * One subscription in its own dialect's form.
     *
     * @param lastEventId draft-07 API answers put it at the root; null for events and draft-08
     */
    public static String subscription(ActiveSubscription s, String lastEventId) {
        Map<String, Object> doc = map(s, true);
        if (lastEventId != null && s.protocolVersion() == Dialect.DRAFT_07.version()) {
            doc.put("lastEventID", lastEventId);
        }
        return Json.write(doc);
    }

    /**
     * A collection answer of the API.
     *
     * @param id            the request path (the collection's IRI)
     * @param subscriptions its members, all of {@code dialect}
     * @param lastEventId   the hub's last event id ({@code earliest} when none); draft-07 puts it in the body
     */
    public static String collection(Dialect dialect, String id, List<ActiveSubscription> subscriptions, String lastEventId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> members = new ArrayList<>(subscriptions.size());
        for (ActiveSubscription s : subscriptions) {
            members.add(map(s, false));
        }
        if (dialect == Dialect.DRAFT_07) {
            doc.put("@context", JSONLD_CONTEXT);
            doc.put("id", id);
            doc.put("type", "Subscriptions");
            doc.put("lastEventID", lastEventId);
        } else {
            doc.put("id", id);
            doc.put("type", "subscriptions");
        }
        doc.put("subscriptions", members);
        return Json.write(doc);
    }

    private static Map<String, Object> map(ActiveSubscription s, boolean withContext) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (s.protocolVersion() == Dialect.DRAFT_07.version()) {
            if (withContext) {
                doc.put("@context", JSONLD_CONTEXT);
            }
            doc.put("id", s.id());
            doc.put("type", "Subscription");
            doc.put("topic", s.match());
        } else {
            doc.put("id", s.id());
            doc.put("type", "subscription");
            doc.put("match_type", s.matchType());
            doc.put("match", s.match());
        }
        doc.put("subscriber", s.subscriber());
        doc.put("active", s.active());
        if (s.payload() != null) {
            doc.put("payload", s.payload());
        }
        return doc;
    }
}
