package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.SubscriberPayload;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.protocol.HubDialect;
import org.jose4j.json.JsonUtil;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds {@link SubscriberAccess} from a map of settings and a request, with a fixed clock. */
final class Fixture {

    static final String SECRET = "subscriber-secret-for-the-unit-tests!!";
    static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RequestUrls LOCAL_REQUEST = RequestUrls.of(URI.create("http://localhost:9080/app/"),
            URI.create("http://localhost:9080/app/books/1"));

    private final Map<String, String> settings = new HashMap<>(Map.of("mercure.subscriber.secret.key", SECRET));
    private RequestUrls request = LOCAL_REQUEST;
    private SubscriberPayload payloads;

    static Fixture draft07() {
        return new Fixture().set("mercure.protocol.version", "7");
    }

    static Fixture draft08() {
        return new Fixture().set("mercure.protocol.version", "8");
    }

    Fixture set(String key, String value) {
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return this;
    }

    Fixture request(String base) {
        request = base == null ? null : RequestUrls.of(URI.create(base), URI.create(base));
        return this;
    }

    Fixture payloads(SubscriberPayload hook) {
        payloads = hook;
        return this;
    }

    MercureConfig config() {
        return MercureConfig.of(settings);
    }

    SubscriberAccess access() {
        MercureConfig config = config();
        RequestUrls r = request;
        return new SubscriberAccess(config, HubDialect.configured(config), () -> Optional.ofNullable(r), payloads,
                new TokenFactory(CLOCK), CLOCK);
    }

    static Map<String, Object> header(String token) {
        return json(token.split("\\.")[0]);
    }

    static Map<String, Object> claims(String token) {
        return json(token.split("\\.")[1]);
    }

    private static Map<String, Object> json(String part) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + part, e);
        }
    }
}
