package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.transport.Transport.Events;
import io.github.mercurejakarta.hub.transport.SubscriptionRecords;
import io.github.mercurejakarta.hub.transport.redis.RedisScripts.Script;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.github.mercurejakarta.hub.transport.redis.RedisScripts.bytes;
import static io.github.mercurejakarta.hub.transport.redis.RedisScripts.text;

/**
 * The active subscriptions of the cluster, as records in Redis that every node lists: this node's
 * records, its heartbeat that keeps them listed, and the reports of records that changed without this
 * node's hub changing them — a crashed node's, claimed by one heartbeat, and this node's own, put back
 * after its heartbeat had lapsed (see "Crashed nodes" in {@link RedisTransport}). The JSON of a record
 * is the format every node of the cluster reads.
 */
final class RedisSubscriptions {

    /** The logger of {@link RedisTransport}, which operators already configure for the transport's messages. */
    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

    static final int NODE_TTL_SECONDS = 15;
    /** A node whose heartbeat stops (crash) drops out of the subscriptions list after this long. */
    static final Duration NODE_TTL = Duration.ofSeconds(NODE_TTL_SECONDS);

    private final RedisScripts scripts;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final String nodeId = UUID.randomUUID().toString();
    private final String recordsPrefix;
    private final String[] subscriptionKeys;
    private final ScheduledExecutorService heartbeat;
    /** This node's registered records, id -> JSON, to register again if another node claimed them. */
    private final Map<String, String> ownRecords = new ConcurrentHashMap<>();
    /** The hub's, once it started: nobody to tell before. */
    private volatile Events events = new Events() {
    };
    private volatile boolean closed;

    /**
     * @param keyPrefix the transport's {@code {prefix}:}, the one hash slot of all its keys
     * @param metaKey   the hash of {@code publish.lua}, whose last update id a listing reports
     */
    RedisSubscriptions(RedisScripts scripts, StatefulRedisConnection<String, byte[]> commands, String keyPrefix,
            String metaKey) {
        this.scripts = scripts;
        this.commands = commands;
        this.recordsPrefix = keyPrefix + "subscriptions:";
        this.subscriptionKeys = new String[] {keyPrefix + "nodes", metaKey, recordsPrefix + nodeId,
                keyPrefix + "subscriptions-registered"};
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mercure-redis-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the heartbeat, which reports to {@code events}. */
    void start(Events events) {
        this.events = events;
        long beat = NODE_TTL.toMillis() / 3;
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    void register(ActiveSubscription subscription) {
        if (!closed) {
            String json = toJson(subscription);
            ownRecords.put(subscription.id(), json);
            subscriptionsScript("put", subscription.id(), json);
        }
    }

    void unregister(ActiveSubscription subscription) {
        ownRecords.remove(subscription.id());
        if (!closed) {
            subscriptionsScript("del", subscription.id(), "");
        }
    }

    /** Every live node's records (those of nodes whose heartbeat stopped are not listed), in registration order. */
    SubscriptionSnapshot list() {
        List<?> answer = (List<?>) subscriptionsScript("list", "", "");
        String eid = text(answer.get(0));
        List<Map.Entry<Long, ActiveSubscription>> records = new ArrayList<>();
        for (Object o : (List<?>) answer.get(1)) {
            String v = text(o);
            int sp = v.indexOf(' ');
            records.add(Map.entry(Long.parseLong(v.substring(0, sp)), fromJson(v.substring(sp + 1))));
        }
        records.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return new SubscriptionSnapshot(eid.isEmpty() ? Dialect.EARLIEST : eid,
                records.stream().map(Map.Entry::getValue).toList());
    }

    private Object subscriptionsScript(String op, String id, String record) {
        byte[][] args = {bytes(op), bytes(Long.toString(NODE_TTL.toMillis())), bytes(nodeId), bytes(recordsPrefix),
                bytes(id), bytes(record)};
        return scripts.eval(Script.SUBSCRIPTIONS,
                "list".equals(op) || "beat".equals(op) ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER,
                subscriptionKeys, args);
    }

    /**
     * Renews this node's expiry and claims the records of nodes whose expiry has passed (see
     * {@code subscriptions.lua}); reports them, and this node's own records when another node had
     * claimed them (this node was paused for longer than the TTL).
     */
    void beat() {
        List<?> answer;
        try {
            answer = (List<?>) subscriptionsScript("beat", "", "");
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat to Redis failed (the reader reports the outage)", e);
            return;
        }
        if (answer.size() > 1) {
            List<ActiveSubscription> ended = new ArrayList<>(answer.size() - 1);
            for (Object o : answer.subList(1, answer.size())) {
                String v = text(o);
                ended.add(fromJson(v.substring(v.indexOf(' ') + 1)).withActive(false));
            }
            LOG.log(Level.INFO, "MERCURE0307I {0} subscriptions of a hub node that stopped without unregistering them "
                    + "(no heartbeat for {1} s) have ended; announcing it", new Object[] {ended.size(), NODE_TTL_SECONDS});
            events.subscriptionsChanged(ended);
        }
        if (((Number) answer.get(0)).longValue() == 1 && !ownRecords.isEmpty() && !closed) {
            Map<String, String> mine = new LinkedHashMap<>(ownRecords);
            LOG.log(Level.WARNING, "MERCURE0308W this node was no longer listed in Redis (its heartbeat lapsed for more than "
                    + "{0} s, and another node announced the end of its subscriptions, or Redis lost its data): registering "
                    + "its {1} subscriptions again", new Object[] {NODE_TTL_SECONDS, mine.size()});
            List<ActiveSubscription> restored = new ArrayList<>(mine.size());
            try {
                for (Map.Entry<String, String> r : mine.entrySet()) {
                    if (ownRecords.containsKey(r.getKey())) { // not unregistered meanwhile
                        subscriptionsScript("put", r.getKey(), r.getValue());
                        restored.add(fromJson(r.getValue()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "MERCURE0310W registering this node''s subscriptions again failed after {0} of {1}: {2}",
                        new Object[] {restored.size(), mine.size(), e.toString()});
            }
            events.subscriptionsChanged(restored);
        }
    }

    /** Stops the heartbeat and takes this node's records off the list. */
    void close() {
        closed = true;
        heartbeat.shutdownNow();
        try {
            // a clean stop takes this node's subscriptions off the list at once, not after the TTL
            commands.sync().del(subscriptionKeys[2]);
            commands.sync().zrem(subscriptionKeys[0], bytes(nodeId));
        } catch (RedisException e) {
            LOG.log(Level.FINE, "could not remove this node's subscriptions from Redis", e);
        }
    }

    static String toJson(ActiveSubscription s) {
        return SubscriptionRecords.toJson(s);
    }

    static ActiveSubscription fromJson(String json) {
        return SubscriptionRecords.fromJson(json);
    }
}
