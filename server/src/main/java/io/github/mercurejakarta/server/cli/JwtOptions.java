package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.auth.SigningKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The rest of what {@code publisher-jwt} and {@code subscriber-jwt} share: {@code --ttl} (its description, which
 * says each command's default, is in the command's resource bundle), the protocol draft, issuer and audience
 * ({@link TokenOptions}), the hub URL ({@link HubOption}), and printing the token.
 */
final class JwtOptions {

    @Option(names = "--ttl", paramLabel = "SECONDS", descriptionKey = "ttl")
    Long ttl;

    @Mixin
    TokenOptions tokens;

    @Mixin
    HubOption hub;

    /** @return {@code --ttl} as a lifetime, or null when not given (the command's default applies) */
    Duration ttl() {
        return TokenOptions.ttl(ttl, "--ttl");
    }

    /** @return 7 or 8 */
    int protocol() {
        return tokens.protocol();
    }

    /** Prints a token signed with {@code key}, granting {@code grants}; draft-08's audience defaults to the hub URL. */
    void print(boolean publisher, SigningKey key, GrantOptions grants, Object payload, Duration lifetime) {
        String hubUrl = tokens.protocol() == 8 ? hub.uri().toString() : null;
        System.out.println(tokens.mint(publisher, key, grants.topics(), grants.urlPatterns(), payload, hubUrl, lifetime));
    }
}
