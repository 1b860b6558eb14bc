package io.github.mercurejakarta.client;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.protocol.Dialect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The bearer token the application publishes to an external hub with: {@code mercure.publisher.jwt}
 * as is, or a token minted from {@code mercure.publisher.secret.key} (else {@code mercure.secret.key})
 * in the hub's dialect, granting publication on every topic.
 *
 * <p>A minted token lives {@link #LIFETIME} and is reused until {@link #RENEW_BEFORE} before it
 * expires, so that publishing does not sign a JWT per update (RSA/EC signatures cost milliseconds).
 */
final class PublisherTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** The {@code sub} of minted draft-08 tokens. */
    static final String SUBJECT = "mercure-jakarta-publisher";

    private final String fixedToken;
    private final SigningKey key;
    private final String issuer;
    private final Clock clock;
    private final TokenFactory factory;
    private volatile Minted minted;

    private record Minted(OutboundDialect dialect, String token, Instant renewAt) {
    }

    private PublisherTokens(String fixedToken, SigningKey key, String issuer, Clock clock) {
        this.fixedToken = fixedToken;
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
        this.factory = new TokenFactory(clock);
    }

    /**
     * @throws ConfigurationException naming the keys when there is no credential, or naming the key that
     *                                cannot sign
     */
    static PublisherTokens from(MercureConfig config) {
        return from(config, Clock.systemUTC());
    }

    static PublisherTokens from(MercureConfig config, Clock clock) {
        var jwt = config.publisherJwt();
        if (jwt.isPresent()) {
            return new PublisherTokens(jwt.get(), null, config.issuer(), clock);
        }
        String keyName = config.value(MercureConfig.Key.PUBLISHER_SECRET_KEY).isPresent()
                ? MercureConfig.Key.PUBLISHER_SECRET_KEY.key() : MercureConfig.Key.SECRET_KEY.key();
        String keyText = config.publisherKey().orElseThrow(() -> new ConfigurationException(
                MercureConfig.Key.PUBLISHER_JWT.key(), "mercure.hub.url names an external hub ("
                        + config.hubUrl().orElse("?") + ") but there is no publisher credential; set "
                        + MercureConfig.Key.PUBLISHER_JWT.key() + " (a token used as is) or "
                        + MercureConfig.Key.PUBLISHER_SECRET_KEY.key() + " or " + MercureConfig.Key.SECRET_KEY.key()
                        + " (a key tokens are minted with)"));
        SigningKey key;
        try {
            key = SigningKey.parse(keyText);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(keyName, "cannot sign publisher tokens for the external hub with it: "
                    + e.getMessage() + " (an HMAC secret or a PEM private key is needed)");
        }
        return new PublisherTokens(null, key, config.issuer(), clock);
    }

    /** @return true when the token is configured (not minted): then the dialect does not matter. */
    boolean fixed() {
        return fixedToken != null;
    }

    /** @return a token in {@code dialect} granting publication on every topic. */
    String token(OutboundDialect dialect) {
        if (fixedToken != null) {
            return fixedToken;
        }
        Objects.requireNonNull(dialect, "dialect");
        Minted m = minted;
        Instant now = clock.instant();
        if (m == null || !m.dialect.equals(dialect) || !now.isBefore(m.renewAt)) {
            String token = dialect.dialect() == Dialect.DRAFT_08
                    ? factory.draft08(key, issuer, dialect.audience(), SUBJECT, List.of(TopicGrant.all()), List.of(),
                            null, LIFETIME)
                    : factory.draft07(key, List.of("*"), null, null, LIFETIME);
            m = new Minted(dialect, token, now.plus(LIFETIME).minus(RENEW_BEFORE));
            minted = m;
        }
        return m.token;
    }
}
