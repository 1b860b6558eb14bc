package io.github.mercurejakarta.server.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code mercure gen-secret-key}: prints a new random secret for publisher or subscriber tokens.
 *
 * <pre>{@code
 * export MERCURE_PUBLISHER_SECRET_KEY=$(mercure gen-secret-key)
 * }</pre>
 */
@Command(name = "gen-secret-key", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {"Prints a new random secret: 32 bytes from a SecureRandom, as 64 hex characters.",
            "That is enough for HS256: RFC 7518 asks for an HMAC key at least as long as the hash (256 bits).",
            "The hub and the library use the text as is (its UTF-8 bytes) as the HMAC key."})
final class GenSecretKeyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(HubStartSettings.randomSecret());
        return 0;
    }
}
