package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.server.FrontEnd;
import io.github.mercurejakarta.server.StandaloneHub;
import io.github.mercurejakarta.server.UserError;
import io.github.mercurejakarta.server.jaxrs.HttpFrontEnd;
import io.github.mercurejakarta.server.netty.NettyFrontEnd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code mercure hub}: runs the standalone hub until SIGTERM / Ctrl-C.
 *
 * <p>Every option maps to a {@code mercure.*} key (the library's {@link MercureConfig.Key}, plus
 * {@value #HOST_KEY}, {@value #PORT_KEY} and {@value FrontEnd#KEY} for this server), so each one is also settable through
 * the environment variable MicroProfile Config reads for that key, e.g. {@code MERCURE_HUB_KEEPALIVE_INTERVAL};
 * the command line beats the environment, which beats the defaults. Values are passed to
 * {@link MercureConfig} as text, so the library's validation (and its messages naming the key) apply
 * to both sources alike.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {
            "Runs a standalone Mercure hub, speaking draft-07 and draft-08 at once.",
            "Its URL: http://HOST:PORT/.well-known/mercure",
            "Each option can also be set by the environment variable given with it; the command line wins."},
        footer = {"",
            "Publishing over HTTP is always on. Secrets that are not set are generated and printed.",
            "At start the hub prints its URL and a publisher token for each protocol draft.",
            "Exit codes: 1 cannot start (e.g. the port is in use), 2 bad option or setting."})
final class HubCommand implements Callable<Integer> {

    /** Address to listen on: a setting of this server only (not a library key). */
    static final String HOST_KEY = "mercure.hub.host";
    /** Port to listen on: a setting of this server only (not a library key). */
    static final String PORT_KEY = "mercure.hub.port";
    static final String DEFAULT_HOST = "0.0.0.0";
    static final int DEFAULT_PORT = 5500;
    /** The printed draft-08 publisher token's lifetime (draft-08 tokens must expire). */
    static final Duration DRAFT08_TOKEN_TTL = Duration.ofDays(365);
    /** Start-up must stay well under 10 s; a server that takes longer is reported as failed. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Shutdown: streams are ended first, then the server gets this long to close its connections. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(3);

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: " + DEFAULT_HOST + " (all interfaces). Env: MERCURE_HUB_HOST.")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on (0: any free port). Default: " + DEFAULT_PORT + ". Env: MERCURE_HUB_PORT.")
    String port;

    @Option(names = "--publisher-secret", paramLabel = "KEY",
            description = "Key verifying publisher tokens: an HMAC secret or a PEM public key. Default: --secret,"
                    + " else generated. Env: MERCURE_PUBLISHER_SECRET_KEY (preferred: the command line shows in `ps`).")
    String publisherSecret;

    @Option(names = "--subscriber-secret", paramLabel = "KEY",
            description = "Key verifying subscriber tokens: an HMAC secret or a PEM public key. Default: --secret,"
                    + " else generated. Env: MERCURE_SUBSCRIBER_SECRET_KEY.")
    String subscriberSecret;

    @Option(names = "--secret", paramLabel = "KEY",
            description = "Key for both publisher and subscriber tokens, where the two options above are not given."
                    + " Env: MERCURE_SECRET_KEY.")
    String secret;

    @Option(names = "--allow-anonymous", negatable = true, paramLabel = "",
            description = "Allow subscribers without a token (they receive public updates only). Default: allowed."
                    + " Env: MERCURE_HUB_ALLOW_ANONYMOUS=true|false.")
    Boolean allowAnonymous;

    @Option(names = "--cors-origins", paramLabel = "O1,O2",
            description = "Origins allowed to subscribe from browsers on other origins (`*` for anonymous hubs)."
                    + " Env: MERCURE_HUB_CORS_ORIGINS.")
    String corsOrigins;

    @Option(names = "--publish-origins", paramLabel = "O1,O2",
            description = "Origins allowed to publish with the authorization cookie (CSRF check)."
                    + " Env: MERCURE_HUB_PUBLISH_ORIGINS.")
    String publishOrigins;

    @Option(names = "--keepalive-interval", paramLabel = "SECONDS",
            description = "Seconds between keep-alive comments on idle streams; 0 turns them off. Default: 15."
                    + " Env: MERCURE_HUB_KEEPALIVE_INTERVAL.")
    String keepaliveInterval;

    @Option(names = "--reconciliation-length", paramLabel = "N",
            description = "Updates kept (all topics together) for reconnection with Last-Event-ID. Default: 500."
                    + " Env: MERCURE_HUB_RECONCILIATION_LENGTH.")
    String reconciliationLength;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "Trusted `iss` of draft-08 tokens (and of the printed token). Default: mercure."
                    + " Env: MERCURE_HUB_ISSUER.")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD",
            description = "The hub's identifier checked in draft-08 `aud`. Default: the hub URL as requested"
                    + " (the printed token's audience is the printed hub URL). Env: MERCURE_HUB_AUDIENCE.")
    String audience;

    @Option(names = "--subscriptions", negatable = true, paramLabel = "",
            description = "Publish subscription events and serve the subscriptions API. Default: on."
                    + " Env: MERCURE_HUB_SUBSCRIPTIONS=true|false.")
    Boolean subscriptions;

    @Option(names = "--transport", paramLabel = "TRANSPORT",
            description = "Where updates go: `local` (in memory, one node) or redis://[user:password@]host:port[/db]"
                    + " (also rediss://): several hub nodes sharing one Redis act as one hub. Default: local."
                    + " Env: MERCURE_HUB_TRANSPORT.")
    String transport;

    @Option(names = "--ui", paramLabel = "",
            description = "Serve the debugging page at HUB_URL/ui/ (subscribe and publish by hand; for development)."
                    + " Default: off. Env: MERCURE_HUB_UI=true|false.")
    Boolean ui;

    @Option(names = "--front-end", paramLabel = "netty|jaxrs",
            description = "The HTTP server: `netty` (Netty's HTTP codec; one shared buffer per update for all streams)"
                    + " or `jaxrs` (Jakarta REST SeBootstrap on RESTEasy reactor-netty); both serve the same routes"
                    + " with the same answers. Default: netty. Env: MERCURE_HUB_FRONT_END.")
    String frontEnd;

    private final Function<String, String> environment;
    private final PrintStream out;

    HubCommand() {
        this(System::getenv, System.out);
    }

    HubCommand(Function<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> commandLine = commandLineSettings();
        Map<String, String> optionOfKey = optionNames();
        SettingSources given = new SettingSources(List.of(
                SettingSources.map("command line", commandLine, k -> optionOfKey.getOrDefault(k, k)),
                SettingSources.environment(environment)));

        Map<String, String> generated = generateMissingSecrets(given);
        SettingSources sources = new SettingSources(List.of(
                // The standalone hub exists to be published to over HTTP, and is the hub whatever
                // MERCURE_HUB / MERCURE_HUB_URL an application's environment may hold.
                SettingSources.map("standalone hub", Map.of(Key.HUB_ALLOW_PUBLISH.key(), "true", Key.HUB.key(), "true"),
                        k -> "the standalone hub"),
                SettingSources.map("command line", commandLine, k -> optionOfKey.getOrDefault(k, k)),
                SettingSources.environment(environment),
                SettingSources.map("generated", generated, k -> "a generated secret")));

        String listenHost = sources.value(HOST_KEY).orElse(DEFAULT_HOST);
        int listenPort = port(sources);
        String frontEndName = frontEnd(sources);
        MercureConfig config = configuration(sources);
        VerificationKey publisherKey = verificationKey(sources, Key.PUBLISHER_SECRET_KEY, config.publisherKey());
        VerificationKey subscriberKey = verificationKey(sources, Key.SUBSCRIBER_SECRET_KEY, config.subscriberKey());

        StandaloneHub hub;
        try {
            hub = new StandaloneHub(config);
        } catch (ConfigurationException e) {
            throw badSetting(e, sources);
        } catch (io.github.mercurejakarta.hub.transport.TransportException e) {
            throw new UserError(UserError.CANNOT_START, e.getMessage()); // Redis unreachable at start
        }
        FrontEnd server;
        try {
            server = frontEndName.equals(FrontEnd.JAXRS)
                    ? HttpFrontEnd.start(hub, listenHost, listenPort, START_TIMEOUT)
                    : NettyFrontEnd.start(hub, listenHost, listenPort, START_TIMEOUT);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        long startedMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // JUL's own shutdown hook may already have removed its handlers: write to stderr directly.
            long t0 = System.nanoTime();
            System.err.println("Stopping: ending " + hub.hub().subscriberCount() + " open stream(s)");
            hub.close();
            long t1 = System.nanoTime();
            server.stop(STOP_BOUND);
            System.err.printf("Stopped in %d ms (streams ended in %d ms)%n", (System.nanoTime() - t0) / 1_000_000,
                    (t1 - t0) / 1_000_000);
        }, "mercure-hub-shutdown"));

        String hubUrl = publicHubUrl(listenHost, server.port());
        printBanner(config, sources, generated, publisherKey, subscriberKey, hubUrl, listenHost, server.port(),
                frontEndName, server.io(), startedMillis);
        // Serve until the JVM shuts down (SIGTERM, Ctrl-C); the hook above ends the streams and the server.
        Thread.currentThread().join();
        return 0;
    }

    /** The values given as options, under their {@code mercure.*} keys. */
    Map<String, String> commandLineSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, HOST_KEY, host);
        put(m, PORT_KEY, port);
        put(m, FrontEnd.KEY, frontEnd);
        put(m, Key.SECRET_KEY.key(), secret);
        // --secret means "this key for both": on the command line it must also beat a more specific
        // key from the environment (MercureConfig prefers the specific keys over mercure.secret.key).
        put(m, Key.PUBLISHER_SECRET_KEY.key(), publisherSecret != null ? publisherSecret : secret);
        put(m, Key.SUBSCRIBER_SECRET_KEY.key(), subscriberSecret != null ? subscriberSecret : secret);
        put(m, Key.HUB_ALLOW_ANONYMOUS.key(), allowAnonymous == null ? null : allowAnonymous.toString());
        put(m, Key.HUB_CORS_ORIGINS.key(), corsOrigins);
        put(m, Key.HUB_PUBLISH_ORIGINS.key(), publishOrigins);
        put(m, Key.HUB_KEEPALIVE_INTERVAL.key(), keepaliveInterval);
        put(m, Key.HUB_RECONCILIATION_LENGTH.key(), reconciliationLength);
        put(m, Key.HUB_ISSUER.key(), issuer);
        put(m, Key.HUB_AUDIENCE.key(), audience);
        put(m, Key.HUB_SUBSCRIPTIONS.key(), subscriptions == null ? null : subscriptions.toString());
        put(m, Key.HUB_TRANSPORT.key(), transport);
        put(m, Key.HUB_UI.key(), ui == null ? null : ui.toString());
        return m;
    }

    /** Option names by key, so that an error about a value given on the command line names the option. */
    private Map<String, String> optionNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(HOST_KEY, "--host");
        m.put(PORT_KEY, "--port");
        m.put(FrontEnd.KEY, "--front-end");
        m.put(Key.SECRET_KEY.key(), "--secret");
        m.put(Key.PUBLISHER_SECRET_KEY.key(), publisherSecret != null ? "--publisher-secret" : "--secret");
        m.put(Key.SUBSCRIBER_SECRET_KEY.key(), subscriberSecret != null ? "--subscriber-secret" : "--secret");
        m.put(Key.HUB_ALLOW_ANONYMOUS.key(), "--[no-]allow-anonymous");
        m.put(Key.HUB_CORS_ORIGINS.key(), "--cors-origins");
        m.put(Key.HUB_PUBLISH_ORIGINS.key(), "--publish-origins");
        m.put(Key.HUB_KEEPALIVE_INTERVAL.key(), "--keepalive-interval");
        m.put(Key.HUB_RECONCILIATION_LENGTH.key(), "--reconciliation-length");
        m.put(Key.HUB_ISSUER.key(), "--issuer");
        m.put(Key.HUB_AUDIENCE.key(), "--audience");
        m.put(Key.HUB_SUBSCRIPTIONS.key(), "--[no-]subscriptions");
        m.put(Key.HUB_TRANSPORT.key(), "--transport");
        m.put(Key.HUB_UI.key(), "--ui");
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * Like flask-mercure-sse's server, a hub started without secrets still runs: it generates them
     * (32 random bytes, hex) and prints them. One shared secret when neither key is set, else the
     * missing one.
     */
    private static Map<String, String> generateMissingSecrets(SettingSources given) {
        boolean shared = given.value(Key.SECRET_KEY.key()).isPresent();
        boolean publisher = shared || given.value(Key.PUBLISHER_SECRET_KEY.key()).isPresent();
        boolean subscriber = shared || given.value(Key.SUBSCRIBER_SECRET_KEY.key()).isPresent();
        Map<String, String> generated = new LinkedHashMap<>();
        if (!publisher && !subscriber) {
            generated.put(Key.SECRET_KEY.key(), randomSecret());
        } else if (!publisher) {
            generated.put(Key.PUBLISHER_SECRET_KEY.key(), randomSecret());
        } else if (!subscriber) {
            generated.put(Key.SUBSCRIBER_SECRET_KEY.key(), randomSecret());
        }
        return generated;
    }

    /** A new secret: 32 random bytes as 64 hex characters (also what {@code mercure gen-secret-key} prints). */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int port(SettingSources sources) {
        Optional<SettingSources.Setting> setting = sources.find(PORT_KEY);
        if (setting.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(setting.get().value().trim());
            if (p >= 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(UserError.BAD_CONFIGURATION, PORT_KEY + ": expected a port from 0 to 65535, got '"
                + setting.get().value() + "' (from " + setting.get().origin() + ")");
    }

    private static String frontEnd(SettingSources sources) {
        Optional<SettingSources.Setting> setting = sources.find(FrontEnd.KEY);
        if (setting.isEmpty()) {
            return FrontEnd.NETTY;
        }
        String value = setting.get().value().trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals(FrontEnd.NETTY) || value.equals(FrontEnd.JAXRS)) {
            return value;
        }
        throw new UserError(UserError.BAD_CONFIGURATION, FrontEnd.KEY + ": expected netty or jaxrs, got '"
                + setting.get().value() + "' (from " + setting.get().origin() + ")");
    }

    private static MercureConfig configuration(SettingSources sources) {
        try {
            return MercureConfig.from(sources.lookup());
        } catch (ConfigurationException e) {
            throw badSetting(e, sources);
        }
    }

    private static UserError badSetting(ConfigurationException e, SettingSources sources) {
        String origin = sources.find(e.key()).map(s -> " (from " + s.origin() + ")").orElse("");
        return new UserError(UserError.BAD_CONFIGURATION, e.getMessage() + origin);
    }

    /**
     * Parses a key now, so that a malformed PEM is a one-line error naming the setting rather than an
     * IllegalArgumentException out of the hub's constructor.
     */
    private static VerificationKey verificationKey(SettingSources sources, Key specific, Optional<String> value) {
        String key = sources.value(specific.key()).isPresent() ? specific.key() : Key.SECRET_KEY.key();
        try {
            return VerificationKey.parse(value.orElseThrow());
        } catch (IllegalArgumentException e) {
            String origin = sources.find(key).map(s -> " (from " + s.origin() + ")").orElse("");
            throw new UserError(UserError.BAD_CONFIGURATION, key + ": " + e.getMessage() + origin);
        }
    }

    /** The URL to print: a wildcard address is not something a client can connect to, localhost is. */
    static String publicHubUrl(String host, int port) {
        String h = host;
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty()) {
            h = "localhost";
        } else if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port + "/.well-known/mercure";
    }

    private void printBanner(MercureConfig config, SettingSources sources, Map<String, String> generated,
                             VerificationKey publisherKey, VerificationKey subscriberKey, String hubUrl,
                             String listenHost, int listenPort, String frontEndName, String io, long startedMillis) {
        for (Map.Entry<String, String> g : generated.entrySet()) {
            out.println("Generated " + describeSecret(g.getKey()) + " (set " + SettingSources.environmentVariable(g.getKey())
                    + " to keep it across restarts): " + g.getValue());
        }
        warnIfWeak(sources, Key.PUBLISHER_SECRET_KEY, publisherKey, "publisher");
        if (!config.publisherKey().equals(config.subscriberKey())) {
            warnIfWeak(sources, Key.SUBSCRIBER_SECRET_KEY, subscriberKey, "subscriber");
        }
        out.println("Mercure hub (draft-07 and draft-08) listening on " + listenHost + ":" + listenPort
                + " (" + frontEndName + " front end, " + io + "), anonymous subscribers " + (config.allowAnonymous() ? "allowed" : "refused"));
        out.println("Hub URL: " + hubUrl);
        if (config.ui()) {
            out.println("Debugging page: " + hubUrl + "/ui/");
        }
        String publisherSecretText = config.publisherKey().orElseThrow();
        if (publisherSecretText.contains("-----BEGIN")) {
            out.println("No publisher tokens printed: the publisher key is a public key; sign tokens with its private key.");
        } else {
            SigningKey signing = SigningKey.hmac(publisherSecretText);
            TokenFactory tokens = new TokenFactory();
            out.println("Publisher JWT (draft-07, {\"mercure\":{\"publish\":[\"*\"]}}, no expiry): "
                    + tokens.draft07(signing, List.of("*"), null, null, null));
            String aud = config.audience().orElse(hubUrl);
            Instant expiry = Instant.now().plus(DRAFT08_TOKEN_TTL).truncatedTo(ChronoUnit.SECONDS);
            out.println("Publisher JWT (draft-08 at+jwt, publish *, iss=" + config.issuer() + ", aud=" + aud
                    + ", expires " + expiry + " in 1 year): "
                    + tokens.draft08(signing, config.issuer(), aud, null, List.of(TopicGrant.all()), List.of(), null,
                            DRAFT08_TOKEN_TTL));
        }
        out.println("Ready in " + startedMillis + " ms (since JVM start)");
        out.flush();
    }

    private static String describeSecret(String key) {
        if (key.equals(Key.PUBLISHER_SECRET_KEY.key())) {
            return "publisher secret";
        }
        if (key.equals(Key.SUBSCRIBER_SECRET_KEY.key())) {
            return "subscriber secret";
        }
        return "secret (publisher and subscriber)";
    }

    private void warnIfWeak(SettingSources sources, Key specific, VerificationKey key, String role) {
        if (key.isWeak()) {
            String origin = sources.find(specific.key()).or(() -> sources.find(Key.SECRET_KEY.key()))
                    .map(SettingSources.Setting::origin).orElse("?");
            System.err.println("WARNING: the " + role + " secret (from " + origin + ") is weak: shorter than 32 bytes"
                    + " or a value published in documentation; anyone who guesses it can forge " + role + " tokens.");
        }
    }
}
