package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportHealth;
import io.github.mercurejakarta.hub.transport.UpdateCodec;
import io.github.mercurejakarta.hub.transport.redis.RedisScripts.Script;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

import static io.github.mercurejakarta.hub.transport.redis.RedisScripts.bytes;
import static io.github.mercurejakarta.hub.transport.redis.RedisScripts.text;

/**
 * Several hub nodes as one, through a Redis stream: every node appends the updates published on it to
 * the stream and reads the whole stream back, so every node delivers every update of the cluster, once,
 * in the stream's order. The stream is also the history for reconnection, so a subscriber may reconnect
 * to any node with its {@code Last-Event-ID}, and the history survives a node's restart.
 *
 * <pre>{@code
 * // mercure.hub.transport=redis://localhost:6379  (or rediss://user:password@host:port/db)
 * Hub hub = new Hub(HubSettings.of(config), RedisTransport.connect("redis://localhost:6379", 500));
 * }</pre>
 *
 * <h2>Keys</h2>
 * All in one hash slot ({@code {prefix}}, default {@code mercure}), so a Redis Cluster serves them too:
 * <ul>
 * <li>{@code {mercure}:updates} — the stream; each entry holds one update ({@link UpdateCodec}). It is
 *     trimmed with {@code MAXLEN ~} to the reconciliation length, but never below
 *     {@value #MIN_STREAM_LENGTH} entries: a node whose reader falls behind (a pause, a reconnection)
 *     still finds what it has not read yet.</li>
 * <li>{@code {mercure}:ids} and {@code {mercure}:order} — the id → stream id index of the last
 *     reconciliation-length updates and its trimming queue, written in the same Lua script as the entry
 *     ({@code publish.lua}), so the index and the stream never disagree.</li>
 * <li>{@code {mercure}:meta} — the last stream id, update id and sequence number.</li>
 * <li>{@code {mercure}:nodes}, {@code {mercure}:subscriptions:<node>} — the active subscriptions of each
 *     node and each node's expiry, renewed by its heartbeat ({@code subscriptions.lua}).</li>
 * </ul>
 *
 * <h2>Gaps</h2>
 * Each entry carries a sequence number, counted in the publish script without holes. A reader that is
 * paused for longer than the stream's length of updates takes to be published (a long GC pause, a
 * stopped process) finds, when it reads on, that trimming removed entries it had not read: the next
 * number it reads is more than one past its last. It then logs {@code MERCURE0305W} and has the hub end
 * every open stream of the node ({@link Events#updatesMissed}) before it delivers anything newer, so
 * that clients reconnect with {@code Last-Event-ID} and get what the history still holds (an id that is
 * no longer kept counts as unknown), instead of going on as if nothing had been lost. A number lower
 * than expected means Redis lost its data (a restart without persistence): nothing newer was skipped,
 * so the reader only logs {@code MERCURE0306W} and counts from there.
 *
 * <h2>Crashed nodes</h2>
 * A node that stops without unregistering its subscriptions (kill -9, a power cut) stops beating; once
 * its expiry ({@value RedisSubscriptions#NODE_TTL_SECONDS} s) has passed, its records are no longer listed, and
 * the next heartbeat of any live node claims them in one script, so exactly one node reports them
 * ({@link Events#subscriptionsChanged}) and the hub announces their end ({@code active: false}), as it
 * does for a subscriber that disconnects. A node that was only paused past its expiry, or whose records
 * Redis lost (a restart without persistence), finds itself unlisted at its next heartbeat and registers
 * (and announces) its subscriptions again.
 *
 * <h2>Positions</h2>
 * The {@link Transport} SPI orders updates by a {@code long} position. A stream id {@code ms-seq} maps to
 * {@code ms * 2^21 + seq}: the same on every node, growing with every entry (the publish script makes the
 * stream ids itself, keeping {@code seq} below 2^21, and, like Redis, keeps counting when the clock goes
 * back). 42 bits of milliseconds last until the year 2109.
 *
 * <h2>Failures</h2>
 * Commands are refused at once while the connection is down ({@code REJECT_COMMANDS}), so a publish fails
 * fast with a {@link TransportException} (HTTP 503) instead of queueing. The reader runs on its own
 * connection ({@code XREAD BLOCK} from the last id it delivered, {@code COUNT} {@value StreamReader#BATCH} at a
 * time; no consumer group, which would split the updates between nodes); when Redis goes away it retries
 * and, once Redis is back, continues from the last id it delivered, so open streams lose none of the
 * updates Redis accepted. Redis must persist the stream (RDB or AOF) for updates to survive a crash
 * of Redis itself.
 *
 * <h2>Failover (Redis Sentinel)</h2>
 * With {@code redis-sentinel://[password@]sentinel1:26379[,sentinel2:26379]#primaryName}, Lettuce asks the
 * Sentinels for the primary at every (re)connection: when the primary dies and Sentinel promotes a
 * replica, both connections reconnect to the new primary without a restart, publishing resumes, and the
 * reader reads on from its last id. Redis replicates asynchronously: by default a publish is answered once
 * the primary has it, so the updates the primary acknowledged in the last moments before it died (those not
 * yet sent to the replica Sentinel promotes; milliseconds' worth) are lost: they are not in the history,
 * though nodes may have delivered them. {@code ?wait-replicas=N} (and {@code wait-timeout=MS}, default
 * 1000) bounds that: a publish is then answered only once a {@code WAIT N} sent after its entry was
 * written has seen N replicas ({@code MERCURE0311W}, 503, when that does not happen within
 * {@code wait-timeout} of the entry's writing). The publishes of a node share their {@code WAIT}s, one in
 * flight at a time, group-commit style ({@link ReplicaWaits}): under load a publish costs about two
 * replication round trips, not a queue of everyone's. Sentinel promotes the replica with the most data, so an
 * update acknowledged with {@code wait-replicas=1} survives the failover unless every replica that had it
 * is lost too; with two replicas and N=1, publishing resumes once the remaining replica follows the new
 * primary. A {@code WAIT} blocks the connection all of a node's commands share until it answers, so it
 * delays them by up to a replication round trip (measured in bench/RESULTS.md).
 */
public final class RedisTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

    /** Stream entries kept at least, whatever the reconciliation length: the readers' margin. */
    static final int MIN_STREAM_LENGTH = 1000;
    private static final long SEQ_BITS = 21;
    private static final long MAX_SEQ = (1L << SEQ_BITS) - 1;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Events NO_EVENTS = new Events() {
    };

    private final String url;
    private final int keep;
    /** Replicas a publish waits for ({@code wait-replicas=N} in the URL; 0: none), and for how long. */
    private final int waitReplicas;
    private final long waitTimeoutMillis;
    private final String streamLength;
    private final String[] publishKeys;
    private final String[] historyKeys;
    private final String streamKey;
    private final String metaKey;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    // the parts this class wires, one job each, so that each can be read (and changed) without the others
    private final RedisScripts scripts;
    private final StreamReader reader;
    private final RedisSubscriptions subscriptions;
    /** The WAITs of {@code wait-replicas}; null without. */
    private final ReplicaWaits replicaWaits;
    private volatile boolean closed;

    private RedisTransport(String url, int keep, String prefix) {
        Map<String, String> own = ownParameters(url);
        this.url = url;
        this.keep = keep;
        this.waitReplicas = intParameter(own, WAIT_REPLICAS, 0, url);
        this.waitTimeoutMillis = intParameter(own, WAIT_TIMEOUT, 1000, url);
        if (waitReplicas > 0 && waitTimeoutMillis <= 0) {
            throw new IllegalArgumentException(WAIT_TIMEOUT + " must be a positive number of milliseconds with "
                    + WAIT_REPLICAS + ", got " + waitTimeoutMillis + " in " + redacted(url));
        }
        this.streamLength = Integer.toString(Math.max(keep, MIN_STREAM_LENGTH));
        String p = "{" + prefix + "}:";
        this.streamKey = p + "updates";
        this.metaKey = p + "meta";
        this.publishKeys = new String[] {streamKey, p + "ids", p + "order", metaKey};
        this.historyKeys = new String[] {streamKey, p + "ids"};
        RedisURI uri;
        try {
            uri = RedisURI.create(withoutOwnParameters(url));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + redacted(url) + " (" + e.getMessage() + ")", e);
        }
        // reconnect quickly: a restarted Redis is back within a second or two, and the stream waits
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), StreamReader.MAX_RETRY_DELAY, 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        try {
            this.commands = client.connect(codec);
            // a command may queue behind a WAIT on this connection (Redis blocks it meanwhile)
            commands.setTimeout(waitReplicas > 0 ? COMMAND_TIMEOUT.plusMillis(waitTimeoutMillis) : COMMAND_TIMEOUT);
            StatefulRedisConnection<String, byte[]> readerConnection = client.connect(codec);
            readerConnection.setTimeout(StreamReader.BLOCK.plus(COMMAND_TIMEOUT));
            RedisCommands<String, byte[]> c = commands.sync();
            this.scripts = new RedisScripts(commands, redacted(url));
            List<KeyValue<String, byte[]>> last = c.hmget(metaKey, "sid", "seq");
            // deliver what is appended from now on; what came before is history
            String lastRead = last.get(0).hasValue() ? new String(last.get(0).getValue(), StandardCharsets.UTF_8) : "0-0";
            long lastSeq = last.get(1).hasValue() ? Long.parseLong(new String(last.get(1).getValue(), StandardCharsets.UTF_8)) : 0;
            this.reader = new StreamReader(readerConnection, streamKey, redacted(url), streamLength, lastRead, lastSeq);
        } catch (RedisException e) {
            shutdownClient();
            throw new TransportException("cannot reach Redis at " + redacted(url) + ": " + e.getMessage(), e);
        }
        this.subscriptions = new RedisSubscriptions(scripts, commands, p, metaKey);
        this.replicaWaits = waitReplicas > 0
                ? new ReplicaWaits(client, commands, scripts, waitReplicas, waitTimeoutMillis, COMMAND_TIMEOUT) : null;
    }

    /**
     * Connects to Redis.
     *
     * @param url                  {@code redis://[user:password@]host:port[/db]} or {@code rediss://...}
     * @param reconciliationLength updates kept for reconnection with Last-Event-ID (0 keeps none)
     * @throws TransportException when Redis cannot be reached
     */
    public static RedisTransport connect(String url, int reconciliationLength) {
        return connect(url, reconciliationLength, "mercure");
    }

    /**
     * Connects to Redis, with keys under {@code {keyPrefix}:} (several hubs sharing one Redis each use
     * their own prefix).
     */
    public static RedisTransport connect(String url, int reconciliationLength, String keyPrefix) {
        if (reconciliationLength < 0) {
            throw new IllegalArgumentException("reconciliationLength must be >= 0");
        }
        return new RedisTransport(Objects.requireNonNull(url), reconciliationLength, Objects.requireNonNull(keyPrefix));
    }

    @Override
    public void start(Consumer<EncodedUpdate> listener) {
        start(listener, NO_EVENTS);
    }

    @Override
    public synchronized void start(Consumer<EncodedUpdate> listener, Events events) {
        Events reported = Events.failuresLogged(Objects.requireNonNull(events), LOG,
                "MERCURE0309E the hub failed to handle a transport event");
        reader.start(Objects.requireNonNull(listener), reported);
        subscriptions.start(reported);
    }

    @Override
    public EncodedUpdate dispatch(EncodedUpdate update) {
        if (closed) {
            throw new TransportException("the hub is shutting down");
        }
        byte[][] args = {
                bytes(streamLength), bytes(Integer.toString(keep)), bytes(update.id()), UpdateCodec.encode(update.update())};
        long connection = replicaWaits != null ? replicaWaits.connection() : 0;
        Object sid = scripts.eval(Script.PUBLISH, ScriptOutputType.VALUE, publishKeys, args);
        if (replicaWaits != null) {
            // after the entry's answer: the WAIT that acknowledges it is sent after it was written
            replicaWaits.await(update.id(), connection);
        }
        return update.at(position(text(sid)));
    }

    @Override
    public History history(String lastEventId) {
        String cursor = lastEventId == null || Dialect.EARLIEST.equals(lastEventId) ? "" : lastEventId;
        byte[][] args = {bytes(cursor), bytes(Integer.toString(keep))};
        List<?> answer = (List<?>) scripts.eval(Script.HISTORY, ScriptOutputType.MULTI, historyKeys, args);
        String cursorSid = text(answer.get(0));
        List<?> entries = (List<?>) answer.get(1);
        List<EncodedUpdate> updates = new ArrayList<>(entries.size());
        for (Object e : entries) {
            List<?> entry = (List<?>) e;
            updates.add(entry(text(entry.get(0)), (List<?>) entry.get(1)));
        }
        boolean found = !cursorSid.isEmpty();
        if (!found) {
            Collections.reverse(updates); // XREVRANGE: newest first
        }
        long lastPosition = !updates.isEmpty() ? updates.get(updates.size() - 1).position()
                : found ? position(cursorSid) : -1;
        return new History(found, List.copyOf(updates), lastPosition);
    }

    @Override
    public String lastEventId() {
        try {
            byte[] eid = commands.sync().hget(metaKey, "eid");
            return eid == null ? Dialect.EARLIEST : new String(eid, StandardCharsets.UTF_8);
        } catch (RedisException e) {
            throw scripts.unavailable(e);
        }
    }

    /**
     * Records the subscription under this node's records, which are listed while the node's heartbeat
     * keeps it alive (15 s): the records of a crashed node leave the list on their own, and are then
     * claimed by one live node, whose hub announces their end.
     */
    @Override
    public void register(ActiveSubscription subscription) {
        subscriptions.register(subscription);
    }

    @Override
    public void unregister(ActiveSubscription subscription) {
        subscriptions.unregister(subscription);
    }

    /** Every live node's records (those of nodes whose heartbeat stopped are not listed), in registration order. */
    @Override
    public SubscriptionSnapshot subscriptions() {
        return subscriptions.list();
    }

    /** One heartbeat now (for tests, which do not wait for the schedule). */
    void beat() {
        subscriptions.beat();
    }

    @Override
    public TransportHealth health() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transport", redacted(url));
        boolean reachable = !closed && !reader.down() && commands.isOpen();
        String notDelivering = closed ? "closed" : reader.notDelivering();
        boolean delivering = notDelivering == null;
        if (!reachable) {
            data.put("error", closed ? "the transport is closed"
                    : reader.down() && reader.lastError() != null ? reader.lastError()
                    : "the connection to Redis is down, reconnecting");
        }
        if (!delivering) {
            data.put("reader", notDelivering);
        }
        return new TransportHealth(reachable, delivering, data);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        subscriptions.close();
        reader.close();
        shutdownClient(); // fails the reader's pending XREAD, which ends its loop
        reader.join(StreamReader.BLOCK.plus(COMMAND_TIMEOUT));
    }

    static final String WAIT_REPLICAS = "wait-replicas";
    static final String WAIT_TIMEOUT = "wait-timeout";

    /** The query parameters this transport reads itself (Lettuce does not see them). */
    private static Map<String, String> ownParameters(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        int hash = url.indexOf('#', q);
        for (String pair : url.substring(q + 1, hash < 0 ? url.length() : hash).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(WAIT_REPLICAS) || name.equals(WAIT_TIMEOUT)) {
                out.put(name, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static String withoutOwnParameters(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String fragment = hash < 0 ? "" : url.substring(hash);
        List<String> kept = new ArrayList<>();
        for (String pair : url.substring(q + 1, hash < 0 ? url.length() : hash).split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty() && !name.equals(WAIT_REPLICAS) && !name.equals(WAIT_TIMEOUT)) {
                kept.add(pair);
            }
        }
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + fragment;
    }

    private static int intParameter(Map<String, String> own, String name, int dflt, String url) {
        String v = own.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 0, got '" + v + "' in " + redacted(url));
    }

    /**
     * Maps a stream id {@code ms-seq} to the SPI's position {@code ms * 2^21 + seq}.
     *
     * @throws IllegalStateException for an id this transport cannot have made
     */
    static long position(String streamId) {
        int dash = streamId.indexOf('-');
        long ms = Long.parseLong(streamId.substring(0, dash));
        long seq = Long.parseLong(streamId.substring(dash + 1));
        if (seq > MAX_SEQ || ms >= (1L << (63 - SEQ_BITS))) {
            throw new IllegalStateException("stream id " + streamId + " out of the hub's range (entry not added by a hub?)");
        }
        return (ms << SEQ_BITS) | seq;
    }

    private EncodedUpdate entry(String sid, List<?> fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("u".equals(text(fields.get(i)))) {
                return EncodedUpdate.of(UpdateCodec.decode((byte[]) fields.get(i + 1))).at(position(sid));
            }
        }
        throw new TransportException("stream entry " + sid + " of " + streamKey + " holds no update");
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The URL without its password, for messages. */
    static String redacted(String url) {
        if (url.matches("(?s)[a-zA-Z-]+://[^:@/]*@.*")) {
            return url.replaceFirst("//[^:@/]*@", "//***@"); // Lettuce reads redis://secret@host as a password
        }
        return url.replaceFirst("//([^:@/]*):[^@/]*@", "//$1:***@");
    }
}
