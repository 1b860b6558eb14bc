package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.protocol.Json;
import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code mercure subscriber-jwt}: prints a subscriber token, as {@code flask mercure subscriber-jwt} does.
 *
 * <pre>{@code
 * mercure subscriber-jwt --subscriber-secret "$KEY" --topic 'https://example.com/users/42/{+any}' \
 *     --payload '{"user":42}'
 * mercure subscriber-jwt --protocol 8 --url-pattern 'https://example.com/books/:id'
 * }</pre>
 */
@Command(name = "subscriber-jwt", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class, resourceBundle = "io.github.mercurejakarta.server.cli.SubscriberJwtCommand",
        description = {"Prints a subscriber token (JWT) signed with the subscriber secret.",
            "Draft-07: {\"mercure\":{\"subscribe\":[TOPICS],\"payload\":...},\"exp\":...}.",
            "Draft-08: an at+jwt with iss, aud, exp and a subscribe authorization detail."},
        footer = {"", "Exit codes: 0 printed, 2 bad usage (e.g. no secret, a payload that is not JSON)."})
final class SubscriberJwtCommand implements Callable<Integer> {

    @Mixin
    GrantOptions grants;

    @Option(names = "--payload", paramLabel = "JSON",
            description = "JSON object attached to the token; the hub shares it in subscription events.")
    String payload;

    @Option(names = "--subscriber-secret", paramLabel = "KEY",
            description = "HMAC secret or PEM private key to sign with. Default: MERCURE_SUBSCRIBER_SECRET_KEY,"
                    + " else MERCURE_SECRET_KEY.")
    String secret;

    @Mixin
    JwtOptions jwt;

    @Override
    public Integer call() {
        Object claims = payload == null ? null : parsePayload(payload);
        var key = jwt.tokens.signingKey(secret, "--subscriber-secret", "MERCURE_SUBSCRIBER_SECRET_KEY", "subscriber");
        jwt.print(false, key, grants, claims, lifetime());
        return 0;
    }

    private Duration lifetime() {
        if (jwt.ttl != null) {
            return jwt.ttl();
        }
        String env = System.getenv("MERCURE_SUBSCRIBER_TOKEN_TTL");
        if (env != null && !env.isBlank()) {
            try {
                return TokenOptions.ttl(Long.parseLong(env.trim()), "MERCURE_SUBSCRIBER_TOKEN_TTL");
            } catch (NumberFormatException e) {
                throw new UserError(UserError.USAGE, "MERCURE_SUBSCRIBER_TOKEN_TTL: expected seconds, got '" + env + "'");
            }
        }
        return Duration.ofSeconds(3600);
    }

    /** The library's JSON reader: objects only, which both drafts accept. */
    private static Object parsePayload(String json) {
        try {
            return Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.USAGE, "--payload: expected a JSON object such as {\"user\":42}, got '" + json + "'");
        }
    }
}
