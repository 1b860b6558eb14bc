package io.github.mercurejakarta.hub.transport.postgresql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What a {@code mercure.hub.transport} value for PostgreSQL names: a server and database
 * ({@code postgresql://user:password@host:port/db?sslmode=require&schema=mercure}, also {@code postgres://}),
 * or a DataSource of the application server by its JNDI name ({@code datasource:jdbc/app?schema=mercure});
 * and the schema holding the hub's tables.
 *
 * <pre>{@code
 * PostgresLocation l = PostgresLocation.parse("postgresql://hub:secret@db:5432/app?schema=mercure");
 * l.jdbcUrl();      // jdbc:postgresql://db:5432/app
 * l.schema();       // mercure
 * l.describe();     // postgresql://hub:***@db:5432/app?schema=mercure
 * }</pre>
 *
 * @param jdbcUrl    pgjdbc's URL (null for a DataSource)
 * @param properties user, password and the other query parameters, handed to pgjdbc as they are
 * @param jndiName   the DataSource's JNDI name (null for a URL)
 * @param schema     the schema of the hub's tables ({@code public} unless {@code schema=} says otherwise)
 * @param describe   the value without its password, for messages and health
 */
record PostgresLocation(String jdbcUrl, Properties properties, String jndiName, String schema, String describe) {

    /** A schema name the hub can put in SQL and in a LISTEN channel as it is: no quoting, no surprises. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    static final String DATASOURCE = "datasource:";

    /** @throws IllegalArgumentException naming what is wrong, for the configuration error */
    static PostgresLocation parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DATASOURCE)) {
            return dataSource(value);
        }
        int sep = value.indexOf("://");
        String scheme = sep > 0 ? lower.substring(0, sep) : "";
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/database, got '" + redact(value) + "'");
        }
        String rest = value.substring(sep + 3);
        int q = rest.indexOf('?');
        Map<String, String> params = params(q >= 0 ? rest.substring(q + 1) : "", value);
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at) : null;
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        if (hostPort.isEmpty() || database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/database (host and database "
                    + "required), got '" + redact(value) + "'");
        }
        Properties props = new Properties();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String schema = schema(params.remove("schema"), value);
        // the rest (sslmode, sslrootcert, ...) is pgjdbc's to read, with the names libpq uses
        params.forEach(props::setProperty);
        props.putIfAbsent("ApplicationName", "mercure-hub");
        // an unreachable server fails a publish in seconds (503), not after the OS's TCP timeout
        props.putIfAbsent("connectTimeout", "5");
        props.putIfAbsent("tcpKeepAlive", "true");
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + encodePathSegment(database);
        return new PostgresLocation(jdbc, props, null, schema, redact(value));
    }

    private static PostgresLocation dataSource(String value) {
        String rest = value.substring(DATASOURCE.length());
        int q = rest.indexOf('?');
        Map<String, String> params = params(q >= 0 ? rest.substring(q + 1) : "", value);
        String name = q >= 0 ? rest.substring(0, q) : rest;
        if (name.isBlank()) {
            throw new IllegalArgumentException("expected datasource:JNDI-NAME (e.g. datasource:jdbc/app), got '" + value + "'");
        }
        String schema = schema(params.remove("schema"), value);
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("a datasource: transport takes only ?schema=NAME (the DataSource holds the "
                    + "connection settings), got " + params.keySet() + " in '" + value + "'");
        }
        return new PostgresLocation(null, new Properties(), name, schema, value);
    }

    private static String schema(String given, String value) {
        if (given == null) {
            return "public";
        }
        if (!SCHEMA.matcher(given).matches()) {
            throw new IllegalArgumentException("schema must be 1 to 40 of a-z, 0-9 and _ (not starting with a digit), got '"
                    + given + "' in '" + redact(value) + "'");
        }
        return given;
    }

    private static Map<String, String> params(String query, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value parameters after '?', got '" + pair + "' in '"
                        + redact(value) + "'");
            }
            out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encodePathSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** The value without its password, for messages. */
    static String redact(String url) {
        return url.replaceFirst("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    /** The qualified name of one of the hub's tables: {@code schema.mercure_<name>}. */
    String table(String name) {
        return schema + ".mercure_" + name;
    }

    /** The LISTEN/NOTIFY channel of this schema's hubs (channels are per database, schemas are not). */
    String channel() {
        return "mercure_" + schema;
    }
}
