package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.config.MercureConfig.Key;
import io.github.mercurejakarta.config.MercureConfig;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What {@code mercure hub} prints once it listens (users and scripts read it, so its lines stay as they are):
 * generated secrets, warnings about weak ones, the address and front end, the hub URL, a publisher token
 * for each protocol draft, and the start-up time.
 */
final class StartBanner {

    /** The printed draft-08 publisher token's lifetime (draft-08 tokens must expire). */
    static final Duration DRAFT08_TOKEN_TTL = Duration.ofDays(365);

    private StartBanner() {
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

    /**
     * Prints the banner for a hub started with {@code settings}, listening on {@code listenPort} ({@code io}: how
     * its front end does I/O), ready {@code startedMillis} after the JVM started; {@code transport} is how its
     * transport names itself ({@code local}, {@code file:/abs/dir}, a Redis URL without its password).
     */
    static void print(PrintStream out, HubStartSettings settings, String hubUrl, int listenPort, String io, long startedMillis,
                      String transport) {
        MercureConfig config = settings.config();
        SettingSources sources = settings.sources();
        for (Map.Entry<String, String> g : settings.generated().entrySet()) {
            out.println("Generated " + describeSecret(g.getKey()) + " (set " + SettingSources.environmentVariable(g.getKey())
                    + " to keep it across restarts): " + g.getValue());
        }
        warnIfWeak(sources, Key.PUBLISHER_SECRET_KEY, settings.publisherKey(), "publisher");
        if (!config.publisherKey().equals(config.subscriberKey())) {
            warnIfWeak(sources, Key.SUBSCRIBER_SECRET_KEY, settings.subscriberKey(), "subscriber");
        }
        out.println("Mercure hub (draft-07 and draft-08) listening on " + settings.host() + ":" + listenPort
                + " (" + settings.frontEnd() + " front end, " + io + "), anonymous subscribers " + (config.allowAnonymous() ? "allowed" : "refused"));
        out.println("Hub URL: " + hubUrl);
        out.println(historyLine(config, transport));
        if (config.ui()) {
            out.println("Debugging page: " + hubUrl + "/ui/");
        }
        String publisherSecretText = config.publisherKey().orElseThrow();
        if (config.publisherJwksUrl().isPresent()) {
            out.println("No publisher tokens printed: publisher tokens are verified with the keys of "
                    + config.publisherJwksUrl().get() + "; sign them with the matching private key and its kid.");
        } else if (publisherSecretText.contains("-----BEGIN")) {
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

    /** Where the history lives, and whether a restart keeps it: an operator must not learn it from a lost update. */
    static String historyLine(MercureConfig config, String transport) {
        String kept = "the last " + config.reconciliationLength() + " updates";
        if (transport.startsWith("file:")) {
            return "History: " + kept + (config.historyMaxAge().isZero() ? "" : " of at most " + config.historyMaxAge().toSeconds() + " s")
                    + " in " + transport.substring("file:".length()) + " (SQLite); kept across restarts";
        }
        if ("local".equals(transport)) {
            return "History: " + kept + " in memory; LOST ON RESTART (--transport file:DIR keeps it on disk)";
        }
        if (transport.startsWith("postgres")) {
            return "History: " + kept + (config.historyMaxAge().isZero() ? "" : " of at most " + config.historyMaxAge().toSeconds() + " s")
                    + " in " + transport + " (shared by the nodes; kept across restarts)";
        }
        return "History: " + kept + " in " + transport + " (shared by the nodes; kept as long as Redis keeps it)";
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

    private static void warnIfWeak(SettingSources sources, Key specific, VerificationKey key, String role) {
        if (key.isWeak()) {
            String origin = sources.find(specific.key()).or(() -> sources.find(Key.SECRET_KEY.key()))
                    .map(SettingSources.Setting::origin).orElse("?");
            System.err.println("WARNING: the " + role + " secret (from " + origin + ") is weak: shorter than 32 bytes"
                    + " or a value published in documentation; anyone who guesses it can forge " + role + " tokens.");
        }
    }
}
