package io.github.mercurejakarta.server.cli;

import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --topic} and {@code --url-pattern} of {@code publisher-jwt} and {@code subscriber-jwt}: what the printed
 * token grants. The options are the same; their descriptions say "publish" or "subscribe", so each command's
 * resource bundle ({@code PublisherJwtCommand.properties}, {@code SubscriberJwtCommand.properties}) holds them.
 */
final class GrantOptions {

    @Option(names = "--topic", paramLabel = "TOPIC", descriptionKey = "topic")
    List<String> topics;

    @Option(names = "--url-pattern", paramLabel = "PATTERN", descriptionKey = "url-pattern")
    List<String> urlPatterns;

    /** @return the URL Pattern grants given (draft-08 only), maybe none */
    List<String> urlPatterns() {
        return urlPatterns == null ? List.of() : urlPatterns;
    }

    /** @return the topics given; with neither topics nor URL patterns, every topic ({@code *}) */
    List<String> topics() {
        return topics != null ? topics : urlPatterns().isEmpty() ? List.of("*") : List.of();
    }
}
