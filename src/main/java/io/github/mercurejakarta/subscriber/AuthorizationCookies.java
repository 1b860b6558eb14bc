package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.protocol.HubDialect;
import io.github.mercurejakarta.protocol.Json;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the authorization cookie's attributes: its name, and Path, Domain and Secure from the hub URL and
 * the request it answers (the spec's rules, and the browsers' rules on prefixed names and domains).
 */
final class AuthorizationCookies {

    private final MercureConfig config;
    private final HubDialect dialect;
    private final Clock clock;

    /** @param clock the clock minted tokens carry their exp by: a ready token's cookie lives until then */
    AuthorizationCookies(MercureConfig config, HubDialect dialect, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the cookie's name: {@code mercure.authz.cookie.name} or the dialect's default */
    String name() {
        return config.authzCookieName().orElseGet(() -> dialect.dialect().defaultCookieName());
    }

    /**
     * @param value   the token, or empty to clear
     * @param maxAge  seconds the browser keeps it
     * @param hubUrl  the hub URL browsers use: Path, Secure and Domain follow it
     * @param current the request the cookie answers, when there is one
     */
    AuthorizationCookie cookie(String value, long maxAge, String hubUrl, Optional<RequestUrls> current) {
        URI hub = URI.create(hubUrl);
        String name = name();
        boolean secure = "https".equalsIgnoreCase(hub.getScheme()) || current.map(RequestUrls::secure).orElse(false)
                // browsers drop a prefixed cookie that is not Secure, whatever the scheme
                || name.startsWith("__Secure-") || name.startsWith("__Host-");
        String path = hub.getRawPath() == null || hub.getRawPath().isEmpty() ? "/" : hub.getRawPath();
        String domain = cookieDomain(hub.getHost(), current.map(RequestUrls::host).orElse(null));
        if (name.startsWith("__Host-")) {
            // the __Host- prefix demands Path=/ and no Domain
            path = "/";
            domain = null;
        }
        return new AuthorizationCookie(name, value, path, domain, maxAge, secure);
    }

    /**
     * The {@code Domain} attribute for a cookie set on a response to {@code requestHost} that must reach
     * {@code hubHost}: none (host-only) when they are the same host, or when the hub is {@code localhost},
     * an IP address or a single label (browsers refuse {@code Domain=localhost} and IP domains); the
     * parent domain both share when they differ ({@code app.example.com} + {@code hub.example.com} →
     * {@code example.com}); the hub's host when the request host is unknown or shares no parent with it.
     */
    static String cookieDomain(String hubHost, String requestHost) {
        if (hubHost == null) {
            return null;
        }
        String hub = normalizeHost(hubHost);
        if (!isDomainName(hub)) {
            return null;
        }
        if (requestHost == null) {
            return hub;
        }
        String req = normalizeHost(requestHost);
        if (req.equals(hub)) {
            return null;
        }
        String[] h = hub.split("\\.");
        String[] r = req.split("\\.");
        int common = 0;
        while (common < h.length && common < r.length && h[h.length - 1 - common].equals(r[r.length - 1 - common])) {
            common++;
        }
        if (common >= 2) {
            return String.join(".", List.of(h).subList(h.length - common, h.length));
        }
        return hub;
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A name a Domain attribute may hold: not localhost, not an IP address, more than one label. */
    private static boolean isDomainName(String host) {
        if (host.isEmpty() || host.startsWith("[") || host.indexOf(':') >= 0 || host.indexOf('.') < 0) {
            return false;
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return false;
        }
        return !host.matches("[0-9.]+");
    }

    /**
     * @return the seconds {@code token} has left before its {@code exp}, or {@code mercure.subscriber.token.ttl}
     *     when it has none
     * @throws IllegalArgumentException when {@code token} is not a JWT
     */
    long lifetime(String token) {
        return remainingSeconds(token).orElse(config.subscriberTokenTtl().getSeconds());
    }

    private Optional<Long> remainingSeconds(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT (three dot-separated parts expected)");
        }
        Map<String, Object> claims;
        try {
            claims = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWT (unreadable claims)", e);
        }
        if (claims.get("exp") instanceof Number exp) {
            return Optional.of(Math.max(0, exp.longValue() - clock.instant().getEpochSecond()));
        }
        return Optional.empty();
    }
}
