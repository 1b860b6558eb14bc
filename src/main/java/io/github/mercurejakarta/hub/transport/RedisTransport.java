package io.github.mercurejakarta.hub.transport;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.hub.EncodedUpdate;
import io.github.mercurejakarta.protocol.Dialect;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several hub nodes as one, through a Redis stream: every node appends the updates published on it to
 * the stream and reads the whole stream back, so every node delivers every update of the cluster, once,
 * in the stream's order. The stream is also the history for reconnection, so a subscriber may reconnect
 * to any node with its {@code Last-Event-ID}, and the history survives a node's restart.
 *
 * <pre>{@code
 * // mercure.hub.transport=redis://localhost:6379  (or rediss://user:password@host:port/db)
 * Hub hub = new Hub(config, RedisTransport.connect("redis://localhost:6379", 500));
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
 * <li>{@code {mercure}:meta} — the last stream id and update id.</li>
 * </ul>
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
 * connection ({@code XREAD BLOCK} from the last id it delivered, {@code COUNT} {@value #BATCH} at a
 * time; no consumer group, which would split the updates between nodes); when Redis goes away it retries
 * and, once Redis is back, continues from the last id it delivered, so open streams lose none of the
 * updates Redis accepted. Redis must persist the stream (RDB or AOF) for updates to survive a crash
 * of Redis itself.
 */
public final class RedisTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

    /** Stream entries kept at least, whatever the reconciliation length: the readers' margin. */
    static final int MIN_STREAM_LENGTH = 1000;
    /** Most entries one XREAD returns. */
    static final int BATCH = 512;
    private static final long SEQ_BITS = 21;
    private static final long MAX_SEQ = (1L << SEQ_BITS) - 1;
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

    /** A node whose heartbeat stops (crash) drops out of the subscriptions list after this long. */
    static final Duration NODE_TTL = Duration.ofSeconds(15);

    private static final String PUBLISH_SCRIPT = script("publish.lua");
    private static final String HISTORY_SCRIPT = script("history.lua");
    private static final String SUBSCRIPTIONS_SCRIPT = script("subscriptions.lua");

    private final String url;
    private final int keep;
    private final String streamLength;
    private final String[] publishKeys;
    private final String[] historyKeys;
    private final String streamKey;
    private final String metaKey;
    private final String nodeId = UUID.randomUUID().toString();
    private final String recordsPrefix;
    private final String[] subscriptionKeys;
    private final ScheduledExecutorService heartbeat;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisConnection<String, byte[]> reader;
    private final String publishSha;
    private final String historySha;
    private final String subscriptionsSha;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile String lastRead;
    private Thread readerThread;

    private RedisTransport(String url, int keep, String prefix) {
        this.url = url;
        this.keep = keep;
        this.streamLength = Integer.toString(Math.max(keep, MIN_STREAM_LENGTH));
        String p = "{" + prefix + "}:";
        this.streamKey = p + "updates";
        this.metaKey = p + "meta";
        this.publishKeys = new String[] {streamKey, p + "ids", p + "order", metaKey};
        this.historyKeys = new String[] {streamKey, p + "ids"};
        this.recordsPrefix = p + "subscriptions:";
        this.subscriptionKeys = new String[] {p + "nodes", metaKey, recordsPrefix + nodeId, p + "subscriptions-registered"};
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + redacted(url) + " (" + e.getMessage() + ")", e);
        }
        // reconnect quickly: a restarted Redis is back within a second or two, and the stream waits
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RETRY_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        try {
            this.commands = client.connect(codec);
            commands.setTimeout(COMMAND_TIMEOUT);
            this.reader = client.connect(codec);
            reader.setTimeout(BLOCK.plus(COMMAND_TIMEOUT));
            RedisCommands<String, byte[]> c = commands.sync();
            this.publishSha = c.scriptLoad(PUBLISH_SCRIPT);
            this.historySha = c.scriptLoad(HISTORY_SCRIPT);
            this.subscriptionsSha = c.scriptLoad(SUBSCRIPTIONS_SCRIPT);
            byte[] last = c.hget(metaKey, "sid");
            // deliver what is appended from now on; what came before is history
            this.lastRead = last == null ? "0-0" : new String(last, StandardCharsets.UTF_8);
        } catch (RedisException e) {
            shutdownClient();
            throw new TransportException("cannot reach Redis at " + redacted(url) + ": " + e.getMessage(), e);
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mercure-redis-heartbeat");
            t.setDaemon(true);
            return t;
        });
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
    public synchronized void start(Consumer<EncodedUpdate> listener) {
        if (readerThread != null) {
            throw new IllegalStateException("already started");
        }
        Objects.requireNonNull(listener);
        readerThread = new Thread(() -> readLoop(listener), "mercure-redis-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        long beat = NODE_TTL.toMillis() / 3;
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    @Override
    public EncodedUpdate dispatch(EncodedUpdate update) {
        if (closed) {
            throw new TransportException("the hub is shutting down");
        }
        byte[][] args = {
                bytes(streamLength), bytes(Integer.toString(keep)), bytes(update.id()), UpdateCodec.encode(update.update())};
        Object sid = eval(publishSha, PUBLISH_SCRIPT, ScriptOutputType.VALUE, publishKeys, args);
        return update.at(position(text(sid)));
    }

    @Override
    public History history(String lastEventId) {
        String cursor = lastEventId == null || Dialect.EARLIEST.equals(lastEventId) ? "" : lastEventId;
        byte[][] args = {bytes(cursor), bytes(Integer.toString(keep))};
        List<?> answer = (List<?>) eval(historySha, HISTORY_SCRIPT, ScriptOutputType.MULTI, historyKeys, args);
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
            throw unavailable(e);
        }
    }

    /**
     * Records the subscription under this node's records, which live as long as the node's heartbeat
     * (15 s): the records of a crashed node leave the list on their own.
     */
    @Override
    public void register(ActiveSubscription subscription) {
        if (!closed) {
            subscriptionsScript("put", subscription.id(), toJson(subscription));
        }
    }

    @Override
    public void unregister(ActiveSubscription subscription) {
        if (!closed) {
            subscriptionsScript("del", subscription.id(), "");
        }
    }

    /** Every node's records (nodes whose heartbeat stopped are dropped), in registration order. */
    @Override
    public SubscriptionSnapshot subscriptions() {
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
        return eval(subscriptionsSha, SUBSCRIPTIONS_SCRIPT, "list".equals(op) ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER,
                subscriptionKeys, args);
    }

    private void beat() {
        try {
            subscriptionsScript("beat", "", "");
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat to Redis failed (the reader reports the outage)", e);
        }
    }

    static String toJson(ActiveSubscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("dialect", s.dialect().name());
        m.put("matchType", s.matchType());
        m.put("match", s.match());
        m.put("subscriber", s.subscriber());
        m.put("active", s.active());
        m.put("payload", s.payload());
        return org.jose4j.json.JsonUtil.toJson(m);
    }

    static ActiveSubscription fromJson(String json) {
        Map<String, Object> m;
        try {
            m = org.jose4j.json.JsonUtil.parseJson(json);
        } catch (org.jose4j.lang.JoseException e) {
            throw new TransportException("a subscription record in Redis is not JSON: " + e.getMessage(), e);
        }
        return new ActiveSubscription((String) m.get("id"), Dialect.valueOf((String) m.get("dialect")),
                (String) m.get("matchType"), (String) m.get("match"), (String) m.get("subscriber"),
                Boolean.TRUE.equals(m.get("active")), m.get("payload"));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.shutdownNow();
        try {
            // a clean stop takes this node's subscriptions off the list at once, not after the TTL
            commands.sync().del(subscriptionKeys[2]);
            commands.sync().zrem(subscriptionKeys[0], bytes(nodeId));
        } catch (RedisException e) {
            LOG.log(Level.FINE, "could not remove this node's subscriptions from Redis", e);
        }
        closing.countDown();
        shutdownClient(); // fails the reader's pending XREAD, which ends its loop
        if (readerThread != null) {
            try {
                readerThread.join(BLOCK.plus(COMMAND_TIMEOUT).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the stream id the reader delivered last (for tests). */
    String lastRead() {
        return lastRead;
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

    private void readLoop(Consumer<EncodedUpdate> listener) {
        RedisCommands<String, byte[]> c = reader.sync();
        XReadArgs args = XReadArgs.Builder.block(BLOCK).count(BATCH);
        long retryMillis = 10;
        boolean down = false;
        while (!closed) {
            List<StreamMessage<String, byte[]>> batch;
            try {
                batch = c.xread(args, XReadArgs.StreamOffset.from(streamKey, lastRead));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!down) {
                    down = true;
                    LOG.log(Level.WARNING, "MERCURE0301W cannot read updates from Redis at {0}, retrying: {1}",
                            new Object[] {redacted(url), e.getMessage()});
                }
                await(retryMillis);
                retryMillis = Math.min(retryMillis * 2, MAX_RETRY_DELAY.toMillis());
                continue;
            }
            if (down) {
                down = false;
                LOG.log(Level.INFO, "MERCURE0302I reading updates from Redis at {0} again, after stream id {1}",
                        new Object[] {redacted(url), lastRead});
            }
            retryMillis = 10;
            if (batch == null) {
                continue;
            }
            for (StreamMessage<String, byte[]> m : batch) {
                EncodedUpdate u;
                try {
                    u = EncodedUpdate.of(UpdateCodec.decode(m.getBody().get("u"))).at(position(m.getId()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "MERCURE0303W skipping stream entry " + m.getId() + " of " + streamKey
                            + ": not an update written by this version of the hub", e);
                    lastRead = m.getId();
                    continue;
                }
                try {
                    listener.accept(u);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "MERCURE0304E delivering update " + u.id() + " failed", e);
                }
                lastRead = m.getId();
            }
        }
    }

    private EncodedUpdate entry(String sid, List<?> fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("u".equals(text(fields.get(i)))) {
                return EncodedUpdate.of(UpdateCodec.decode((byte[]) fields.get(i + 1))).at(position(sid));
            }
        }
        throw new TransportException("stream entry " + sid + " of " + streamKey + " holds no update");
    }

    private Object eval(String sha, String script, ScriptOutputType type, String[] keys, byte[][] args) {
        RedisCommands<String, byte[]> c = commands.sync();
        try {
            try {
                return c.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted (or SCRIPT FLUSH): its script cache is empty
                return c.eval(script, type, keys, args);
            }
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    private TransportException unavailable(RedisException e) {
        return new TransportException("Redis at " + redacted(url) + " is unavailable: " + e.getMessage(), e);
    }

    private void await(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The URL without its password, for messages. */
    static String redacted(String url) {
        return url.replaceFirst("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static String script(String name) {
        try (InputStream in = RedisTransport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
