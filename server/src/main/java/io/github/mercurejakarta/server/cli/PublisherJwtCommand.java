package io.github.mercurejakarta.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mercure publisher-jwt}: prints a publisher token, as {@code flask mercure publisher-jwt} does.
 *
 * <pre>{@code
 * mercure publisher-jwt --publisher-secret "$KEY"                         # draft-07, publish *, no expiry
 * mercure publisher-jwt --protocol 8 --topic https://example.com/books/1  # at+jwt, aud = the hub URL
 * }</pre>
 */
@Command(name = "publisher-jwt", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {"Prints a publisher token (JWT) signed with the publisher secret.",
            "Draft-07: {\"mercure\":{\"publish\":[TOPICS]}}, no expiry unless --ttl.",
            "Draft-08: an at+jwt with iss, aud, exp (1 year unless --ttl) and a publish authorization detail."},
        footer = {"", "Exit codes: 0 printed, 2 bad usage (e.g. no secret)."})
final class PublisherJwtCommand implements Callable<Integer> {

    /** The draft-08 default lifetime: as long as the one the hub prints at start (draft-08 tokens must expire). */
    static final Duration DRAFT08_DEFAULT_TTL = HubCommand.DRAFT08_TOKEN_TTL;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic the token may publish to (repeatable). Draft-07: a topic, URI template or *;"
                    + " draft-08: an exact topic or *. Default: *.")
    List<String> topics;

    @Option(names = "--url-pattern", paramLabel = "PATTERN",
            description = "Draft-08 only: a URL Pattern the token may publish to (repeatable).")
    List<String> urlPatterns;

    @Option(names = "--publisher-secret", paramLabel = "KEY",
            description = "HMAC secret or PEM private key to sign with. Default: MERCURE_PUBLISHER_SECRET_KEY,"
                    + " else MERCURE_SECRET_KEY.")
    String secret;

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "Lifetime in seconds. Default: none in draft-07 (like flask-mercure-sse), 1 year in draft-08.")
    Long ttl;

    @Mixin
    TokenOptions tokens;

    @Mixin
    HubOption hub;

    @Override
    public Integer call() {
        List<String> patterns = urlPatterns == null ? List.of() : urlPatterns;
        List<String> granted = topics != null ? topics : patterns.isEmpty() ? List.of("*") : List.of();
        Duration lifetime = TokenOptions.ttl(ttl, "--ttl");
        if (lifetime == null && tokens.protocol() == 8) {
            lifetime = DRAFT08_DEFAULT_TTL;
        }
        var key = TokenOptions.signingKey(secret, "--publisher-secret", "MERCURE_PUBLISHER_SECRET_KEY", "publisher");
        String hubUrl = tokens.protocol() == 8 ? hub.uri().toString() : null;
        System.out.println(tokens.mint(true, key, granted, patterns, null, hubUrl, lifetime));
        return 0;
    }
}
