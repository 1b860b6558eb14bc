package io.github.mercurejakarta.http;

import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.auth.InvalidTokenException;
import io.github.mercurejakarta.auth.JwksKeys;
import io.github.mercurejakarta.auth.TokenVerifier;
import io.github.mercurejakarta.auth.TrustedIssuers;
import io.github.mercurejakarta.auth.VerificationContext;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.auth.VerifiedTokens;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.protocol.Dialect;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who a request to the hub is: its token verified into grants (subscriber or publisher key), the cookie
 * names a token is looked for under, and the RFC 6750 answers when there is no valid token. Shared by
 * subscribe, publish and the subscriptions API.
 */
final class HubAuthorization {

    private static final Logger LOG = Logger.getLogger(HubAuthorization.class.getName());

    private final MercureConfig config;
    /** Verified tokens are cached until their exp: a publisher sends the same token with every update. */
    private final TrustedIssuers subscriberTokens;
    private final TrustedIssuers publisherTokens;

    HubAuthorization(MercureConfig config) {
        this.config = config;
        Map<String, JwksKeys> sets = new HashMap<>();
        this.subscriberTokens = new TrustedIssuers(verifier(config.subscriberJwksUrl(), config.subscriberKey(),
                config.issuer(), config, sets));
        this.publisherTokens = new TrustedIssuers(verifier(config.publisherJwksUrl(), config.publisherKey(),
                config.issuer(), config, sets));
        // further authorization servers (mercure.hub.issuers): each iss is verified with its own keys only
        for (MercureConfig.Issuer i : config.issuers()) {
            try {
                VerifiedTokens s = verifier(i.subscriberJwksUrl(), i.subscriberKey(), i.issuer(), config, sets);
                if (s != null) {
                    subscriberTokens.trust(i.issuer(), s, i.audience());
                }
                VerifiedTokens p = verifier(i.publisherJwksUrl(), i.publisherKey(), i.issuer(), config, sets);
                if (p != null) {
                    publisherTokens.trust(i.issuer(), p, i.audience());
                }
            } catch (IllegalArgumentException e) {
                // a malformed PEM in a group: fail the start naming the group, as for any other setting
                throw new ConfigurationException(MercureConfig.Issuer.key(i.name(), "secret.key"), e.getMessage());
            }
        }
    }

    /**
     * A JWK Set URL wins over a static key, as on the reference hub; the set is fetched once now so that
     * readiness is right from the start and the first token does not wait for it (a failure is logged,
     * MERCURE0901W, and the hub starts all the same). Both roles on one URL share one set (one fetch, one rate limit).
     */
    private static VerifiedTokens verifier(Optional<String> jwksUrl, Optional<String> key, String issuer,
                                           MercureConfig config, Map<String, JwksKeys> sets) {
        TokenVerifier verifier;
        if (jwksUrl.isPresent()) {
            JwksKeys keys = sets.computeIfAbsent(jwksUrl.get(), url -> {
                JwksKeys k = new JwksKeys(URI.create(url),
                        JwksKeys.Settings.DEFAULTS.withMinRefreshInterval(config.jwksMinRefreshInterval()));
                k.refresh();
                return k;
            });
            verifier = new TokenVerifier(keys, issuer);
        } else if (key.isPresent()) {
            verifier = new TokenVerifier(VerificationKey.parse(key.get()), issuer);
        } else {
            return null;
        }
        return new VerifiedTokens(verifier, VerifiedTokens.DEFAULT_SIZE);
    }

    /** @return the JWK Sets tokens are verified with (publisher's first), for readiness */
    List<JwksKeys> keySets() {
        List<JwksKeys> sets = new ArrayList<>(2);
        for (TrustedIssuers t : new TrustedIssuers[] {publisherTokens, subscriberTokens}) {
            for (VerifiedTokens v : t.verifiers()) {
                v.verifier().jwks().filter(k -> !sets.contains(k)).ifPresent(sets::add);
            }
        }
        return List.copyOf(sets);
    }

    /** Verifies a subscriber token: the grants, or null when it is invalid. */
    Grants verifySubscriber(String token, HubRequest request) {
        return verify(subscriberTokens, token, request);
    }

    /** Verifies a publisher token: the grants, or null when it is invalid. */
    Grants verifyPublisher(String token, HubRequest request) {
        return verify(publisherTokens, token, request);
    }

    /** @return the grants, or null when the token is invalid (the reason is logged at FINE, never the token) */
    private Grants verify(TrustedIssuers verifier, String token, HubRequest request) {
        if (verifier.isEmpty()) {
            LOG.fine("a token was presented but no key is configured to verify it");
            return null;
        }
        try {
            String audience = config.audience().orElse(request.hubUrl());
            return verifier.verify(token, new VerificationContext(audience, request.hubUrl(), Instant.now()));
        } catch (InvalidTokenException e) {
            LOG.log(Level.FINE, "invalid token: {0}", e.getMessage());
            return null;
        }
    }

    /** @return the cookie names a subscriber of {@code dialect} sends its token under */
    String[] cookieNames(Dialect dialect) {
        return config.authzCookieName().map(n -> new String[] {n})
                .orElseGet(() -> new String[] {dialect.defaultCookieName()});
    }

    String[] allCookieNames() {
        return config.authzCookieName().map(n -> new String[] {n}).orElseGet(
                () -> new String[] {Dialect.DRAFT_08.defaultCookieName(), Dialect.DRAFT_07.defaultCookieName()});
    }

    /** RFC 6750 §3: no token where one is needed → a bare challenge. */
    static HubResponse challenge() {
        return HubResponse.of(401, "a token is required").header("WWW-Authenticate", "Bearer");
    }

    static HubResponse invalidToken() {
        return HubResponse.of(401, "invalid token").header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    static HubResponse invalidRequest(String why) {
        return HubResponse.of(400, why).header("WWW-Authenticate", "Bearer error=\"invalid_request\"");
    }

}
