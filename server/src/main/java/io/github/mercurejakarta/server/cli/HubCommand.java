package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.server.FrontEnd;
import io.github.mercurejakarta.server.StandaloneHub;
import io.github.mercurejakarta.server.StandaloneTracing;
import io.github.mercurejakarta.server.UserError;
import io.github.mercurejakarta.server.jaxrs.HttpFrontEnd;
import io.github.mercurejakarta.server.netty.NettyFrontEnd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code mercure hub}: runs the standalone hub until SIGTERM / Ctrl-C.
 *
 * <p>Every option maps to a {@code mercure.*} key (the library's {@link MercureConfig.Key}, plus
 * {@value HubStartSettings#HOST_KEY}, {@value HubStartSettings#PORT_KEY} and {@value FrontEnd#KEY} for this server), so each one is also settable through
 * the environment variable MicroProfile Config reads for that key, e.g. {@code MERCURE_HUB_KEEPALIVE_INTERVAL};
 * the command line beats the environment, which beats the defaults. Values are passed to
 * {@link MercureConfig} as text, so the library's validation (and its messages naming the key) apply
 * to both sources alike. Reading and checking those settings is {@link HubStartSettings}'s job, the banner
 * {@link StartBanner}'s; this class holds the options and runs the hub.
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
            "Tracing (OpenTelemetry, off by default): OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 or",
            "OTEL_TRACES_EXPORTER=otlp|console turns it on; the other OTEL_* variables as the SDK reads them.",
            "Exit codes: 1 cannot start (e.g. the port is in use), 2 bad option or setting (OTEL_* included)."})
final class HubCommand implements Callable<Integer> {

    /** Start-up must stay well under 10 s; a server that takes longer is reported as failed. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Shutdown: streams are ended first, then the server gets this long to close its connections. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(3);

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: " + HubStartSettings.DEFAULT_HOST + " (all interfaces). Env: MERCURE_HUB_HOST.")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on (0: any free port). Default: " + HubStartSettings.DEFAULT_PORT + ". Env: MERCURE_HUB_PORT.")
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

    @Option(names = "--publisher-jwks-url", paramLabel = "URL",
            description = "JWK Set URL whose keys verify publisher tokens (RS256/384/512, PS256/384/512, ES256/384/512,"
                    + " EdDSA; the key chosen by the token's kid); takes precedence over the publisher secret."
                    + " Env: MERCURE_PUBLISHER_JWKS_URL.")
    String publisherJwksUrl;

    @Option(names = "--subscriber-jwks-url", paramLabel = "URL",
            description = "JWK Set URL whose keys verify subscriber tokens; takes precedence over the subscriber secret."
                    + " Env: MERCURE_SUBSCRIBER_JWKS_URL.")
    String subscriberJwksUrl;

    @Option(names = "--jwks-min-refresh-interval", paramLabel = "SECONDS",
            description = "Least time between two requests to a JWK Set URL (a token with an unknown kid fetches the"
                    + " set again, no more often than this). Default: 10. Env: MERCURE_HUB_JWKS_MIN_REFRESH_INTERVAL.")
    String jwksMinRefreshInterval;

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
            description = "Seconds after a stream's last write when it gets a keep-alive comment; 0 turns them off. Default: 15."
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

    @Option(names = "--issuers", paramLabel = "N1,N2",
            description = "Names of further trusted authorization servers, each with its own iss, keys and audience"
                    + " given with --issuer-setting (or MERCURE_HUB_ISSUERS_<NAME>_<PROPERTY>). Env: MERCURE_HUB_ISSUERS.")
    String issuers;

    @Option(names = "--issuer-setting", paramLabel = "NAME.PROPERTY=VALUE",
            description = "A property of an issuer listed in --issuers (repeatable): issuer (its exact iss, required),"
                    + " audience, jwks.url, publisher.jwks.url, subscriber.jwks.url, secret.key, publisher.secret.key,"
                    + " subscriber.secret.key. E.g. --issuer-setting login.issuer=https://login.example.com/"
                    + " --issuer-setting login.jwks.url=https://login.example.com/jwks.json."
                    + " Env: MERCURE_HUB_ISSUERS_NAME_PROPERTY (e.g. MERCURE_HUB_ISSUERS_LOGIN_JWKS_URL).")
    List<String> issuerSettings;

    @Option(names = "--audience", paramLabel = "AUD",
            description = "The hub's identifier checked in draft-08 `aud`. Default: the hub URL as requested"
                    + " (the printed token's audience is the printed hub URL). Env: MERCURE_HUB_AUDIENCE.")
    String audience;

    @Option(names = "--subscriptions", negatable = true, paramLabel = "",
            description = "Publish subscription events and serve the subscriptions API. Default: on."
                    + " Env: MERCURE_HUB_SUBSCRIPTIONS=true|false.")
    Boolean subscriptions;

    @Option(names = "--transport", paramLabel = "TRANSPORT",
            description = "Where updates go: `local` (in memory, one node; the history is lost on restart), file:DIR"
                    + " (one node; the history is kept in directory DIR, created if missing, and survives restarts and"
                    + " crashes), redis://[user:password@]host:port[/db] (also rediss://) or"
                    + " postgresql://user:password@host:port/db[?sslmode=require&schema=NAME] (also postgres://): several"
                    + " hub nodes sharing one Redis, or one PostgreSQL database, act as one hub. Default: local."
                    + " Env: MERCURE_HUB_TRANSPORT.")
    String transport;

    @Option(names = "--history-max-age", paramLabel = "DURATION",
            description = "With --transport file:DIR or postgresql://, the longest time an update is kept, besides --reconciliation-length:"
                    + " seconds or a number with a unit (90s, 15m, 24h, 7d). Default: no age bound."
                    + " Env: MERCURE_HUB_HISTORY_MAX_AGE.")
    String historyMaxAge;

    // Limits, lifetimes and timeouts: one option per key, so that a hub started from a script or a unit file
    // never needs to know the environment variable names (each is given with its option all the same).

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most open streams on this hub; beyond, subscribing gets 429 with Retry-After. 0: no limit."
                    + " Default: 10000. Env: MERCURE_HUB_MAX_CONNECTIONS.")
    String maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Most open streams from one client address; beyond, 429 with Retry-After. Default: 0 (no"
                    + " per-address limit: behind a proxy or a NAT every client has one address; with a proxy, set"
                    + " --trusted-proxies too). Env: MERCURE_HUB_MAX_CONNECTIONS_PER_ADDRESS.")
    String maxConnectionsPerAddress;

    @Option(names = "--trusted-proxies", paramLabel = "A1,A2",
            description = "IP addresses of reverse proxies whose X-Forwarded-For gives the client's address for the"
                    + " per-address limit. Default: none (the connection's peer is the client)."
                    + " Env: MERCURE_HUB_TRUSTED_PROXIES.")
    String trustedProxies;

    @Option(names = "--max-selectors", paramLabel = "N",
            description = "Most topic selectors in one subscription (400 beyond). Default: 100."
                    + " Env: MERCURE_HUB_MAX_SELECTORS.")
    String maxSelectors;

    @Option(names = "--max-selector-length", paramLabel = "N",
            description = "Longest topic selector in characters (400 beyond). Default: 4096."
                    + " Env: MERCURE_HUB_MAX_SELECTOR_LENGTH.")
    String maxSelectorLength;

    @Option(names = "--max-topics", paramLabel = "N",
            description = "Most topics in one update (400 beyond). Default: 1000. Env: MERCURE_HUB_MAX_TOPICS.")
    String maxTopics;

    @Option(names = "--max-body-size", paramLabel = "BYTES",
            description = "Largest publish body in bytes (413 beyond). Default: 1048576. Env: MERCURE_HUB_MAX_BODY_SIZE.")
    String maxBodySize;

    @Option(names = "--subscriber-queue-size", paramLabel = "N",
            description = "Updates buffered for one subscriber; one that falls further behind is disconnected (it"
                    + " reconnects with Last-Event-ID). Default: 1000. Env: MERCURE_HUB_SUBSCRIBER_QUEUE_SIZE.")
    String subscriberQueueSize;

    @Option(names = "--dispatch-timeout", paramLabel = "SECONDS",
            description = "Seconds one write to a subscriber may take before its stream is closed; 0: no timeout."
                    + " Default: 5. Env: MERCURE_HUB_DISPATCH_TIMEOUT.")
    String dispatchTimeout;

    @Option(names = "--connection-lifetime", paramLabel = "SECONDS",
            description = "Seconds after which a stream is ended cleanly (the client reconnects with Last-Event-ID);"
                    + " 0: streams stay open. Default: 0. Env: MERCURE_HUB_CONNECTION_LIFETIME.")
    String connectionLifetime;

    @Option(names = "--connection-lifetime-jitter", paramLabel = "SECONDS",
            description = "Random spread around --connection-lifetime. Default: a tenth of the lifetime."
                    + " Env: MERCURE_HUB_CONNECTION_LIFETIME_JITTER.")
    String connectionLifetimeJitter;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            description = "Seconds open streams get to end cleanly when the hub stops. Default: 5."
                    + " Env: MERCURE_HUB_SHUTDOWN_TIMEOUT.")
    String shutdownTimeout;

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

    /** An option as a setting: its {@code mercure.*} key, the option to name in messages, the value given (null: none). */
    record GivenOption(String key, String option, String value) {
    }

    /** The options, one row each: the one place that says which key an option sets. */
    List<GivenOption> options() {
        return List.of(
                new GivenOption(HubStartSettings.HOST_KEY, "--host", host),
                new GivenOption(HubStartSettings.PORT_KEY, "--port", port),
                new GivenOption(FrontEnd.KEY, "--front-end", frontEnd),
                new GivenOption(Key.SECRET_KEY.key(), "--secret", secret),
                // --secret means "this key for both": on the command line it must also beat a more specific
                // key from the environment (MercureConfig prefers the specific keys over mercure.secret.key).
                publisherSecret != null
                        ? new GivenOption(Key.PUBLISHER_SECRET_KEY.key(), "--publisher-secret", publisherSecret)
                        : new GivenOption(Key.PUBLISHER_SECRET_KEY.key(), "--secret", secret),
                subscriberSecret != null
                        ? new GivenOption(Key.SUBSCRIBER_SECRET_KEY.key(), "--subscriber-secret", subscriberSecret)
                        : new GivenOption(Key.SUBSCRIBER_SECRET_KEY.key(), "--secret", secret),
                new GivenOption(Key.PUBLISHER_JWKS_URL.key(), "--publisher-jwks-url", publisherJwksUrl),
                new GivenOption(Key.SUBSCRIBER_JWKS_URL.key(), "--subscriber-jwks-url", subscriberJwksUrl),
                new GivenOption(Key.HUB_JWKS_MIN_REFRESH_INTERVAL.key(), "--jwks-min-refresh-interval", jwksMinRefreshInterval),
                new GivenOption(Key.HUB_ALLOW_ANONYMOUS.key(), "--[no-]allow-anonymous", text(allowAnonymous)),
                new GivenOption(Key.HUB_CORS_ORIGINS.key(), "--cors-origins", corsOrigins),
                new GivenOption(Key.HUB_PUBLISH_ORIGINS.key(), "--publish-origins", publishOrigins),
                new GivenOption(Key.HUB_KEEPALIVE_INTERVAL.key(), "--keepalive-interval", keepaliveInterval),
                new GivenOption(Key.HUB_RECONCILIATION_LENGTH.key(), "--reconciliation-length", reconciliationLength),
                new GivenOption(Key.HUB_ISSUER.key(), "--issuer", issuer),
                new GivenOption(Key.HUB_AUDIENCE.key(), "--audience", audience),
                new GivenOption(Key.HUB_ISSUERS.key(), "--issuers", issuers),
                // one row for the repeatable option (its values, one key each, are added by commandLineSettings)
                new GivenOption(ISSUER_SETTING_KEY, "--issuer-setting", null),
                new GivenOption(Key.HUB_SUBSCRIPTIONS.key(), "--[no-]subscriptions", text(subscriptions)),
                new GivenOption(Key.HUB_TRANSPORT.key(), "--transport", transport),
                new GivenOption(Key.HUB_UI.key(), "--ui", text(ui)),
                new GivenOption(Key.HUB_MAX_CONNECTIONS.key(), "--max-connections", maxConnections),
                new GivenOption(Key.HUB_MAX_CONNECTIONS_PER_ADDRESS.key(), "--max-connections-per-address",
                        maxConnectionsPerAddress),
                new GivenOption(Key.HUB_TRUSTED_PROXIES.key(), "--trusted-proxies", trustedProxies),
                new GivenOption(Key.HUB_MAX_SELECTORS.key(), "--max-selectors", maxSelectors),
                new GivenOption(Key.HUB_MAX_SELECTOR_LENGTH.key(), "--max-selector-length", maxSelectorLength),
                new GivenOption(Key.HUB_MAX_TOPICS.key(), "--max-topics", maxTopics),
                new GivenOption(Key.HUB_MAX_BODY_SIZE.key(), "--max-body-size", maxBodySize),
                new GivenOption(Key.HUB_QUEUE_SIZE.key(), "--subscriber-queue-size", subscriberQueueSize),
                new GivenOption(Key.HUB_DISPATCH_TIMEOUT.key(), "--dispatch-timeout", dispatchTimeout),
                new GivenOption(Key.HUB_CONNECTION_LIFETIME.key(), "--connection-lifetime", connectionLifetime),
                new GivenOption(Key.HUB_CONNECTION_LIFETIME_JITTER.key(), "--connection-lifetime-jitter",
                        connectionLifetimeJitter),
                new GivenOption(Key.HUB_SHUTDOWN_TIMEOUT.key(), "--shutdown-timeout", shutdownTimeout),
                new GivenOption(Key.HUB_HISTORY_MAX_AGE.key(), "--history-max-age", historyMaxAge));
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> optionOfKey = new LinkedHashMap<>();
        options().forEach(o -> optionOfKey.put(o.key(), o.option()));
        HubStartSettings settings = HubStartSettings.resolve(
                SettingSources.map("command line", commandLineSettings(), k -> optionOfKey.getOrDefault(k, k)), environment);

        StandaloneTracing tracing = StandaloneTracing.fromEnvironment(environment);
        StandaloneHub hub;
        try {
            hub = new StandaloneHub(settings.config(), tracing);
        } catch (ConfigurationException e) {
            tracing.close();
            throw settings.badSetting(e);
        } catch (TransportException e) {
            tracing.close();
            // Redis unreachable at start, a history directory held by another hub or in an unknown format
            throw new UserError(UserError.CANNOT_START, e.getMessage());
        }
        FrontEnd server;
        try {
            server = settings.frontEnd().equals(FrontEnd.JAXRS)
                    ? HttpFrontEnd.start(hub, settings.host(), settings.port(), START_TIMEOUT)
                    : NettyFrontEnd.start(hub, settings.host(), settings.port(), START_TIMEOUT);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        long startedMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        tracing.logState(); // once listening: a start that fails (port taken) says only why

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

        String hubUrl = StartBanner.publicHubUrl(settings.host(), server.port());
        StartBanner.print(out, settings, hubUrl, server.port(), server.io(), startedMillis,
                String.valueOf(hub.hub().transportHealth().data().get("transport")));
        // Serve until the JVM shuts down (SIGTERM, Ctrl-C); the hook above ends the streams and the server.
        Thread.currentThread().join();
        return 0;
    }

    /** The values given as options, under their {@code mercure.*} keys. */
    Map<String, String> commandLineSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        options().stream().filter(o -> o.value() != null).forEach(o -> m.put(o.key(), o.value()));
        for (String setting : issuerSettings == null ? List.<String>of() : issuerSettings) {
            int eq = setting.indexOf('=');
            int dot = setting.indexOf('.');
            String property = eq < 0 || dot < 0 || dot > eq ? "" : setting.substring(dot + 1, eq);
            if (!MercureConfig.Issuer.PROPERTIES.contains(property)) {
                throw new UserError(UserError.USAGE, "--issuer-setting: expected NAME.PROPERTY=VALUE with PROPERTY one of "
                        + MercureConfig.Issuer.PROPERTIES + ", got '" + (eq < 0 ? setting : setting.substring(0, eq)) + "'");
            }
            m.put(MercureConfig.Issuer.key(setting.substring(0, dot), property), setting.substring(eq + 1));
        }
        return m;
    }

    /** The key --issuer-setting stands for in the option table: a family of keys, one per issuer and property. */
    static final String ISSUER_SETTING_KEY = MercureConfig.Issuer.key("name", "property");

    private static String text(Boolean flag) {
        return flag == null ? null : flag.toString();
    }
}
