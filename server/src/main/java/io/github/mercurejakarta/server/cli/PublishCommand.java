package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.protocol.PercentEncoding;
import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mercure publish TOPIC DATA}: publishes one update over HTTP and prints the id the hub assigned.
 *
 * <pre>{@code
 * mercure publish https://example.com/books/1 '{"title":"Dune"}' --publisher-secret "$KEY"
 * MERCURE_PUBLISHER_JWT=eyJ... mercure publish https://example.com/books/1 - --private < book.json
 * }</pre>
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {"Publishes an update to a hub and prints the id the hub assigned.",
            "Token: --jwt (or MERCURE_PUBLISHER_JWT) as is; else one minted from --publisher-secret or --key-file"
                    + " (or MERCURE_PUBLISHER_SECRET_KEY, MERCURE_SECRET_KEY) granting publish *, valid 5 minutes."},
        footer = {"", "Exit codes: 0 published, 1 the hub is unreachable or refused the update (its answer is printed),"
                + " 2 bad usage."})
final class PublishCommand implements Callable<Integer> {

    /** A minted token is used once, right away. */
    static final Duration MINTED_TOKEN_TTL = Duration.ofMinutes(5);

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The update's topic (an IRI).")
    String topic;

    @Parameters(index = "1", paramLabel = "DATA", description = "The update's data; `-` reads it from standard input.")
    String data;

    @Option(names = "--topic", paramLabel = "ALT", description = "An alternate topic of the update (repeatable).")
    List<String> alternates;

    @Option(names = "--private", description = "A private update: delivered only to subscribers whose token grants the topic.")
    boolean privateUpdate;

    @Option(names = "--id", paramLabel = "ID", description = "The update's id. Default: the hub assigns one (urn:uuid:...).")
    String id;

    @Option(names = "--type", paramLabel = "TYPE", description = "The SSE event type. Default: message.")
    String type;

    @Option(names = "--retry", paramLabel = "MS", description = "Reconnection time the hub passes to subscribers, in ms.")
    Long retry;

    @Option(names = "--jwt", paramLabel = "TOKEN", description = "Publisher token to send as is. Default: MERCURE_PUBLISHER_JWT.")
    String jwt;

    @Option(names = "--publisher-secret", paramLabel = "KEY",
            description = "Secret (or PEM private key) to mint a publisher token with, when no --jwt is given.")
    String publisherSecret;

    @Mixin
    HubOption hub;

    @Mixin
    TokenOptions tokens;

    @Override
    public Integer call() {
        URI hubUrl = hub.uri();
        if (retry != null && retry < 0) {
            throw new UserError(UserError.USAGE, "--retry: expected milliseconds (0 or more), got " + retry);
        }
        String form = form(data.equals("-") ? standardInput() : data);
        String token = token(hubUrl);
        String id;
        try {
            id = new HubClient(hubUrl).publish(form, token);
        } catch (UserError e) {
            if (token == null && e.getMessage().contains(" answered 401")) {
                throw new UserError(e.exitCode(), e.getMessage() + "; give --jwt or --publisher-secret");
            }
            throw e;
        }
        System.out.println(id);
        return 0;
    }

    private String token(URI hubUrl) {
        if (jwt != null && (publisherSecret != null || tokens.keyFile != null)) {
            throw new UserError(UserError.USAGE, "give --jwt or " + (publisherSecret != null ? "--publisher-secret" : "--key-file")
                    + ", not both");
        }
        if (jwt != null) {
            return jwt.trim();
        }
        String fromEnvironment = System.getenv("MERCURE_PUBLISHER_JWT");
        boolean keyGiven = publisherSecret != null || tokens.keyFile != null;
        if (!keyGiven && fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        if (!keyGiven && System.getenv("MERCURE_PUBLISHER_SECRET_KEY") == null
                && System.getenv("MERCURE_SECRET_KEY") == null) {
            return null; // the hub answers 401, which tells the user what is missing
        }
        var key = tokens.signingKey(publisherSecret, "--publisher-secret", "MERCURE_PUBLISHER_SECRET_KEY", "publisher");
        return tokens.mint(true, key, List.of("*"), List.of(), null, hubUrl.toString(), MINTED_TOKEN_TTL);
    }

    private String form(String body) {
        List<String> fields = new ArrayList<>();
        add(fields, "topic", topic);
        if (alternates != null) {
            alternates.forEach(t -> add(fields, "topic", t));
        }
        add(fields, "data", body);
        if (privateUpdate) {
            add(fields, "private", "on");
        }
        add(fields, "id", id);
        add(fields, "type", type);
        add(fields, "retry", retry == null ? null : retry.toString());
        return String.join("&", fields);
    }

    private static void add(List<String> fields, String name, String value) {
        if (value != null) {
            fields.add(name + "=" + PercentEncoding.FORM.encode(value));
        }
    }

    private static String standardInput() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(UserError.FAILED, "cannot read the data from standard input: " + e.getMessage());
        }
    }
}
