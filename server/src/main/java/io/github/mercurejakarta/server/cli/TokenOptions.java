package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the command line mints a token, shared by {@code publish}, {@code publisher-jwt} and
 * {@code subscriber-jwt}: the protocol draft, draft-08's issuer and audience, the lifetime. The tokens
 * themselves come from the library's {@link TokenFactory}, exactly as the hubs verify them.
 */
final class TokenOptions {

    @Option(names = "--protocol", paramLabel = "7|8",
            description = "Protocol draft of the token: 7 (a `mercure` claim: flask-mercure-sse, Symfony, Mercure.rocks 0.x)"
                    + " or 8 (an RFC 9068 at+jwt with authorization_details). Default: MERCURE_PROTOCOL_VERSION"
                    + " when it is 7 or 8, else 7.")
    String protocol;

    @Option(names = "--issuer", paramLabel = "ISS",
            description = "Draft-08 `iss`: the issuer the hub trusts. Default: MERCURE_HUB_ISSUER, else mercure"
                    + " (the hub's default).")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD",
            description = "Draft-08 `aud`: the hub's identifier. Default: MERCURE_HUB_AUDIENCE, else the hub URL"
                    + " (--hub, MERCURE_HUB_URL or " + HubOption.DEFAULT_HUB_URL + ").")
    String audience;

    @Option(names = "--key-file", paramLabel = "PATH",
            description = "Read the signing key from a file instead of the secret option: a PEM private key (RSA, EC"
                    + " or Ed25519; PKCS#8 `PRIVATE KEY`, or `RSA PRIVATE KEY`), or an HMAC secret (the file's text).")
    Path keyFile;

    @Option(names = "--kid", paramLabel = "KID",
            description = "Key id put in the token's header, so that a hub verifying with a JWK Set"
                    + " (--publisher-jwks-url, --subscriber-jwks-url) picks the matching key.")
    String kid;

    @Option(names = "--alg", paramLabel = "ALG",
            description = "JWS algorithm. Default: the key's (HS256 for a secret, RS256 for RSA, ES256/ES384/ES512"
                    + " by the EC curve, EdDSA). Others the key allows: HS384, HS512, RS384, RS512, PS256, PS384, PS512.")
    String alg;

    /** @return 7 or 8 */
    int protocol() {
        String value = protocol;
        String origin = "--protocol";
        if (value == null) {
            String env = System.getenv("MERCURE_PROTOCOL_VERSION");
            if (env == null || !(env.trim().equals("7") || env.trim().equals("8"))) {
                return 7;
            }
            value = env.trim();
            origin = "MERCURE_PROTOCOL_VERSION";
        }
        return switch (value.trim()) {
            case "7", "07", "draft-07" -> 7;
            case "8", "08", "draft-08" -> 8;
            default -> throw new UserError(UserError.USAGE, origin + ": expected 7 or 8, got '" + value + "'");
        };
    }

    String issuer() {
        return firstSet(issuer, System.getenv("MERCURE_HUB_ISSUER"), "mercure");
    }

    String audience(String hubUrl) {
        return firstSet(audience, System.getenv("MERCURE_HUB_AUDIENCE"), hubUrl);
    }

    /**
     * Mints a publisher ({@code publish}) or subscriber token for {@code topics}.
     *
     * @param topics      draft-07 selectors; in draft-08 exact topics ({@code *}: every topic)
     * @param urlPatterns draft-08 URL Pattern grants (none allowed in draft-07)
     * @param payload     a JSON value for subscribers, or null
     * @param ttl         the lifetime; null only in draft-07 (no {@code exp})
     */
    String mint(boolean publisher, SigningKey key, List<String> topics, List<String> urlPatterns, Object payload,
                String hubUrl, Duration ttl) {
        if (protocol() == 7) {
            if (!urlPatterns.isEmpty()) {
                throw new UserError(UserError.USAGE, "--url-pattern grants exist in draft-08 only (add --protocol 8);"
                        + " draft-07 tokens take URI templates in --topic");
            }
            return publisher
                    ? new TokenFactory().draft07(key, topics, null, null, ttl)
                    : new TokenFactory().draft07(key, null, topics, payload, ttl);
        }
        if (payload != null && !(payload instanceof java.util.Map)) {
            throw new UserError(UserError.USAGE, "--payload: a draft-08 payload must be a JSON object");
        }
        List<TopicGrant> grants = new ArrayList<>();
        for (String t : topics) {
            grants.add(TopicMatchers.WILDCARD.equals(t) ? TopicGrant.all() : TopicGrant.exact(t));
        }
        for (String p : urlPatterns) {
            grants.add(TopicGrant.urlPattern(p));
        }
        String aud = audience(hubUrl);
        return publisher
                ? new TokenFactory().draft08(key, issuer(), aud, null, grants, List.of(), null, ttl)
                : new TokenFactory().draft08(key, issuer(), aud, null, List.of(), grants, payload, ttl);
    }

    /**
     * The signing key from {@code --key-file} or the role's option, else the role's environment variable, else
     * {@code MERCURE_SECRET_KEY}: an HMAC secret or a PEM private key; with {@code --alg} and {@code --kid}.
     */
    SigningKey signingKey(String optionValue, String optionName, String environmentVariable, String role) {
        String value = optionValue;
        String origin = optionName;
        if (keyFile != null) {
            if (optionValue != null) {
                throw new UserError(UserError.USAGE, "give either " + optionName + " or --key-file, not both");
            }
            try {
                value = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException | UncheckedIOException e) {
                throw new UserError(UserError.USAGE, "--key-file: cannot read " + keyFile + " (" + e.getMessage() + ")");
            }
            origin = "--key-file " + keyFile;
        }
        SigningKey key = signingKey(value, origin, environmentVariable, role, optionName);
        if (alg != null) {
            try {
                key = key.withAlgorithm(alg.trim());
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.USAGE, "--alg: " + e.getMessage());
            }
        }
        if (kid != null) {
            try {
                key = key.withKeyId(kid);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.USAGE, "--kid: " + e.getMessage());
            }
        }
        return key;
    }

    private static SigningKey signingKey(String optionValue, String origin0, String environmentVariable, String role,
                                         String optionName) {
        String value = optionValue;
        String origin = origin0;
        for (String variable : List.of(environmentVariable, "MERCURE_SECRET_KEY")) {
            if (value == null || value.isEmpty()) {
                value = System.getenv(variable);
                origin = variable;
            }
        }
        if (value == null || value.isEmpty()) {
            throw new UserError(UserError.USAGE, "no " + role + " secret: give " + optionName + " KEY or set "
                    + environmentVariable + " (`mercure gen-secret-key` makes one)");
        }
        try {
            SigningKey key = SigningKey.parse(value);
            if (key.isWeak()) {
                System.err.println("WARNING: the " + role + " secret (from " + origin + ") is weak: shorter than 32 bytes"
                        + " or a value published in documentation.");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.USAGE, origin + ": " + e.getMessage());
        }
    }

    /** @return {@code seconds} as a lifetime; null stays null (the command's default applies) */
    static Duration ttl(Long seconds, String optionName) {
        if (seconds == null) {
            return null;
        }
        if (seconds <= 0 || seconds > 100L * 365 * 86_400) {
            throw new UserError(UserError.USAGE, optionName + ": expected seconds from 1 to 3153600000, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
