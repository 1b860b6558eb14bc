package io.github.mercurejakarta.client;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.protocol.PercentEncoding;
import jakarta.json.bind.Jsonb;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings of a {@link HubSubscriber}, checked at {@link #build()}.
 *
 * <pre>{@code
 * MercureSubscriber s = new HubSubscriberBuilder(URI.create("http://localhost:3000/.well-known/mercure"))
 *         .topics("*").build();
 * }</pre>
 */
final class HubSubscriberBuilder implements MercureSubscriber.Builder {

    /** More than this would overflow the parser's byte buffer sizes; no event should be near it. */
    static final int MAX_EVENT_SIZE_LIMIT = 256 << 20;

    final URI hubUrl;
    final List<String> selectors = new ArrayList<>();
    final List<String> parameters = new ArrayList<>();
    Supplier<String> tokens;
    boolean renewableTokens;
    String lastEventId;
    int bufferSize = 256;
    int maxEventSize = 16 << 20;
    Duration reconnectDelay = Duration.ofSeconds(3);
    Duration maxReconnectDelay = Duration.ofSeconds(60);
    /** HTTP/1.1: its backpressure (TCP) was shown to bound memory; see MercureSubscriber.Builder#httpVersion. */
    HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;
    Duration connectTimeout = Duration.ofSeconds(10);
    boolean retryNotFound;
    Jsonb jsonb;
    MercureSubscriber.ConnectionListener listener = new MercureSubscriber.ConnectionListener() { };

    HubSubscriberBuilder(URI hubUrl) {
        this.hubUrl = Objects.requireNonNull(hubUrl, "hubUrl");
    }

    private MercureSubscriber.Builder add(String parameter, String... values) {
        for (String v : Objects.requireNonNull(values, "selectors")) {
            selectors.add(Objects.requireNonNull(v, "selector"));
            parameters.add(parameter);
        }
        return this;
    }

    @Override
    public MercureSubscriber.Builder topics(String... selectors) {
        return add("topic", selectors);
    }

    @Override
    public MercureSubscriber.Builder match(String... topics) {
        return add("match", topics);
    }

    @Override
    public MercureSubscriber.Builder urlPatterns(String... patterns) {
        return add("match_urlpattern", patterns);
    }

    @Override
    public MercureSubscriber.Builder token(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        this.tokens = () -> jwt;
        this.renewableTokens = false;
        return this;
    }

    @Override
    public MercureSubscriber.Builder token(Supplier<String> tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.renewableTokens = true;
        return this;
    }

    @Override
    public MercureSubscriber.Builder lastEventId(String id) {
        this.lastEventId = id;
        return this;
    }

    @Override
    public MercureSubscriber.Builder bufferSize(int updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("bufferSize must be at least 1, got " + updates);
        }
        this.bufferSize = updates;
        return this;
    }

    @Override
    public MercureSubscriber.Builder maxEventSize(int chars) {
        if (chars < 1 || chars > MAX_EVENT_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxEventSize must be between 1 and " + MAX_EVENT_SIZE_LIMIT + ", got " + chars);
        }
        this.maxEventSize = chars;
        return this;
    }

    @Override
    public MercureSubscriber.Builder reconnectDelay(Duration delay) {
        this.reconnectDelay = positive(delay, "reconnectDelay");
        return this;
    }

    @Override
    public MercureSubscriber.Builder maxReconnectDelay(Duration delay) {
        this.maxReconnectDelay = positive(delay, "maxReconnectDelay");
        return this;
    }

    @Override
    public MercureSubscriber.Builder httpVersion(HttpClient.Version version) {
        this.httpVersion = Objects.requireNonNull(version, "version");
        return this;
    }

    @Override
    public MercureSubscriber.Builder retryNotFound(boolean retry) {
        this.retryNotFound = retry;
        return this;
    }

    @Override
    public MercureSubscriber.Builder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    @Override
    public MercureSubscriber.Builder jsonb(Jsonb jsonb) {
        this.jsonb = jsonb;
        return this;
    }

    @Override
    public MercureSubscriber.Builder listener(MercureSubscriber.ConnectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    @Override
    public MercureSubscriber build() {
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscriber needs at least one selector: topics(...), match(...) or urlPatterns(...)");
        }
        if (parameters.contains("topic") && parameters.size() > parameters.stream().filter("topic"::equals).count()) {
            throw new IllegalArgumentException("selectors of both drafts: topics(...) is draft-07, match/urlPatterns draft-08");
        }
        String scheme = hubUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || hubUrl.getHost() == null) {
            throw new IllegalArgumentException("the hub URL must be an absolute http(s) URL, got " + hubUrl);
        }
        return new HubSubscriber(this);
    }

    /** @return the hub URL with the selectors as query parameters, after any query of its own */
    URI streamUrl() {
        StringBuilder url = new StringBuilder(hubUrl.toString());
        int hash = url.indexOf("#");
        if (hash >= 0) {
            url.setLength(hash);
        }
        char sep = hubUrl.getRawQuery() == null ? '?' : '&';
        for (int i = 0; i < selectors.size(); i++) {
            url.append(sep).append(parameters.get(i)).append('=').append(PercentEncoding.FORM.encode(selectors.get(i)));
            sep = '&';
        }
        return URI.create(url.toString());
    }
}
