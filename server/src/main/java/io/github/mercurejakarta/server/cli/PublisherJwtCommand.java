package io.github.mercurejakarta.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
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
        versionProvider = MercureCli.Version.class, resourceBundle = "io.github.mercurejakarta.server.cli.PublisherJwtCommand",
        description = {"Prints a publisher token (JWT) signed with the publisher secret.",
            "Draft-07: {\"mercure\":{\"publish\":[TOPICS]}}, no expiry unless --ttl.",
            "Draft-08: an at+jwt with iss, aud, exp (1 year unless --ttl) and a publish authorization detail."},
        footer = {"", "Exit codes: 0 printed, 2 bad usage (e.g. no secret)."})
final class PublisherJwtCommand implements Callable<Integer> {

    /** The draft-08 default lifetime: as long as the one the hub prints at start (draft-08 tokens must expire). */
    static final Duration DRAFT08_DEFAULT_TTL = StartBanner.DRAFT08_TOKEN_TTL;

    @Mixin
    GrantOptions grants;

    @Option(names = "--publisher-secret", paramLabel = "KEY",
            description = "HMAC secret or PEM private key to sign with. Default: MERCURE_PUBLISHER_SECRET_KEY,"
                    + " else MERCURE_SECRET_KEY.")
    String secret;

    @Mixin
    JwtOptions jwt;

    @Override
    public Integer call() {
        Duration lifetime = jwt.ttl();
        if (lifetime == null && jwt.protocol() == 8) {
            lifetime = DRAFT08_DEFAULT_TTL;
        }
        var key = jwt.tokens.signingKey(secret, "--publisher-secret", "MERCURE_PUBLISHER_SECRET_KEY", "publisher");
        jwt.print(true, key, grants, null, lifetime);
        return 0;
    }
}
