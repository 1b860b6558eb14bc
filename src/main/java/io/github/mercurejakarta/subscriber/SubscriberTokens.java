package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mints the subscriber tokens of the helpers. Knows nothing of the request: the hub URL (the draft-08
 * audience when none is configured) is asked for per token, so one instance, and the signing key it
 * parses once, serves every request.
 */
final class SubscriberTokens {

    private final MercureConfig config;
    private final SubscriberPayload payloads;
    private final TokenFactory tokens;
    /** Parsed at the first token: an application that never mints one needs no subscriber key. */
    private final Lazy<SigningKey> signingKey = Lazy.of(this::parseSigningKey);

    /** @param payloads the application's payload hook, or null for none */
    SubscriberTokens(MercureConfig config, SubscriberPayload payloads, TokenFactory tokens) {
        this.config = Objects.requireNonNull(config, "config");
        this.payloads = payloads;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * @param topics  at least one, none null (checked by the caller)
     * @param payload merged over the payload hook's (its keys win); null for none
     * @param hubUrl  the hub URL browsers use, asked for only when a draft-08 token needs it as audience
     * @throws ConfigurationException when no key to sign with is configured, or it cannot sign
     */
    String mint(Dialect dialect, List<String> topics, Map<String, ?> payload, Supplier<String> hubUrl) {
        Map<String, Object> merged = payload(topics, payload);
        Duration ttl = config.subscriberTokenTtl();
        if (dialect == Dialect.DRAFT_07) {
            return tokens.draft07(signingKey(), null, topics, merged.isEmpty() ? null : merged, ttl);
        }
        List<TopicGrant> grants = new ArrayList<>(topics.size());
        for (String topic : topics) {
            grants.add(TopicMatchers.WILDCARD.equals(topic) ? TopicGrant.all() : TopicGrant.exact(topic));
        }
        return tokens.draft08(signingKey(), config.issuer(), audience(hubUrl), null, List.of(), grants,
                merged.isEmpty() ? null : merged, ttl);
    }

    private String audience(Supplier<String> hubUrl) {
        return config.audience().orElseGet(() -> {
            String url = hubUrl.get();
            int cut = url.indexOf('?');
            return cut < 0 ? url : url.substring(0, cut);
        });
    }

    private Map<String, Object> payload(List<String> topics, Map<String, ?> explicit) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (payloads != null) {
            Map<String, Object> hooked = payloads.payload(List.copyOf(topics));
            if (hooked != null) {
                merged.putAll(hooked);
            }
        }
        if (explicit != null) {
            merged.putAll(explicit);
        }
        return merged;
    }

    private SigningKey signingKey() {
        return signingKey.get();
    }

    private SigningKey parseSigningKey() {
        String keyName = MercureConfig.Key.SUBSCRIBER_SECRET_KEY.key();
        String text = config.subscriberKey().orElseThrow(() -> new ConfigurationException(keyName,
                "cannot mint subscriber tokens: set " + keyName + " (or " + MercureConfig.Key.SECRET_KEY.key() + ")",
                null));
        try {
            return SigningKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(keyName, "cannot mint subscriber tokens with " + keyName
                    + " (minting needs a secret or a PEM private key; a public key only verifies): " + e.getMessage(), e);
        }
    }
}
