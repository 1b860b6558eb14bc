package io.github.mercurejakarta.hub.transport.redis;

import io.github.mercurejakarta.hub.transport.TransportException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Lua scripts of the transport on its command connection. Each runs by its SHA1, so a publish sends
 * the update and not the script; Redis forgets its scripts when it restarts, so a script it no longer
 * knows is sent whole once more. Every command that fails becomes the one {@link TransportException} the
 * hub turns into a 503.
 */
final class RedisScripts {

    /** The scripts, in {@code src/main/resources} next to this class. */
    enum Script {
        /** Appends an update to the stream, numbers it and indexes its id. */
        PUBLISH("publish.lua"),
        /** The updates after a Last-Event-ID, or the last ones when the id is not kept. */
        HISTORY("history.lua"),
        /** The active-subscription records and the nodes' heartbeats. */
        SUBSCRIPTIONS("subscriptions.lua");

        private final String text;

        Script(String name) {
            this.text = read(name);
        }
    }

    private final StatefulRedisConnection<String, byte[]> commands;
    /** Redis's URL without its password, for messages. */
    private final String redis;
    private final Map<Script, String> shas = new EnumMap<>(Script.class);

    /**
     * Loads every script at once, so that a Redis that refuses scripts fails the connection, not the
     * first publish.
     *
     * @throws RedisException when Redis cannot be reached
     */
    RedisScripts(StatefulRedisConnection<String, byte[]> commands, String redis) {
        this.commands = commands;
        this.redis = redis;
        RedisCommands<String, byte[]> c = commands.sync();
        for (Script s : Script.values()) {
            shas.put(s, c.scriptLoad(s.text));
        }
    }

    Object eval(Script script, ScriptOutputType type, String[] keys, byte[][] args) {
        RedisCommands<String, byte[]> c = commands.sync();
        try {
            try {
                return c.evalsha(shas.get(script), type, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted (or SCRIPT FLUSH): its script cache is empty
                return c.eval(script.text, type, keys, args);
            }
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    TransportException unavailable(RedisException e) {
        return new TransportException("Redis at " + redis + " is unavailable: " + e.getMessage(), e);
    }

    /** An argument of a script: the connection's codec sends values as bytes. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A string of a script's answer, which comes as bytes (a bulk string) or as a number. */
    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static String read(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
