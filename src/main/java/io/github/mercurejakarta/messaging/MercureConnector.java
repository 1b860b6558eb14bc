package io.github.mercurejakarta.messaging;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.messaging.spi.OutgoingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MicroProfile Reactive Messaging 3.0 connector {@code mercure}.
 *
 * <p><b>Incoming</b> ({@code mp.messaging.incoming.<channel>.connector=mercure}): the channel subscribes to
 * a hub with a {@link MercureSubscriber} (reconnection with {@code Last-Event-ID}, token renewal,
 * backpressure: the next update is read when the stream asks for it). Each update is a {@code Message}
 * whose payload is its data ({@code String}); {@code message.unwrap(ReceivedUpdate.class)} gives its id,
 * type and data. A hub's stream does not say which topic an update was published to: the channel's
 * selectors say which ones can arrive. <b>Acknowledgement</b> does nothing on the hub (Mercure has no
 * acknowledgement): an update is delivered once per stream, whether the message is acked or nacked; after
 * a reconnection the subscriber resumes after the last update it received, so a failure of the hub or the
 * network loses nothing the hub's history still holds, but an update handed to the application is not
 * redelivered if its processing fails, and one in flight when the application stops is lost unless the
 * channel is restarted with {@code last-event-id}.
 * Attributes: {@code hub-url} (required), {@code topics} (draft-07) or {@code match} / {@code url-patterns}
 * (draft-08), comma-separated; {@code jwt} (a fixed token) or {@code subscriber-secret-key} (draft-07
 * tokens minted for the topics, valid {@code token-ttl} seconds, default 3600, renewed before they expire);
 * {@code last-event-id}, {@code buffer-size} (default 256), {@code reconnect-delay} (ms, default 3000),
 * {@code retry-not-found} (default {@code true}: a hub answering 404 is retried with backoff, as an unreachable
 * one is, since the application's own embedded hub answers 404 while the application starts, and the
 * channel connects while it starts; {@code false} ends the channel with the refusal).
 *
 * <p><b>Outgoing</b> ({@code mp.messaging.outgoing.<channel>.connector=mercure}): each message is published
 * as an update and acknowledged once the hub accepted it (nacked with the failure otherwise; the channel
 * goes on). A payload that is an {@link Update} is published as it is (its topics, id, type, private,
 * retry); any other payload becomes the data ({@code String} as is, anything else as {@code toString()})
 * of an update on the channel's {@code topic} attribute (comma-separated), with {@code private} and
 * {@code type} attributes. Without {@code hub-url} the application's {@link Mercure} bean publishes
 * (the embedded hub, or the hub of {@code mercure.hub.url}); with it, the hub at that URL, with the
 * {@code jwt} or {@code publisher-secret-key} attribute.
 *
 * <pre>{@code
 * mp.messaging.incoming.rooms.connector=mercure
 * mp.messaging.incoming.rooms.hub-url=http://localhost:9080/.well-known/mercure
 * mp.messaging.incoming.rooms.topics=https://example.com/rooms/{room}
 * mp.messaging.incoming.rooms.subscriber-secret-key=...
 *
 * @Incoming("rooms") @Outgoing("digest")
 * public Update onMessage(String data) { return Update.of("https://example.com/digest", summarise(data)); }
 * }</pre>
 */
@Connector(MercureConnector.NAME)
public class MercureConnector implements IncomingConnectorFactory, OutgoingConnectorFactory {

    /** The connector's name in {@code mp.messaging.*.connector}. */
    public static final String NAME = "mercure";
    private static final Logger LOG = Logger.getLogger(MercureConnector.class.getName());

    /**
     * Injected: {@link MessagingExtension} adds {@code @Inject} here and {@code @PreDestroy} on
     * {@link #closeSubscribers()}. Written in the source, they make Payara and GlassFish load this class as an
     * injection target in every application, and fail its deployment where the Reactive Messaging API is absent.
     */
    Instance<Mercure> mercure;

    private final Set<MercureSubscriber> open = ConcurrentHashMap.newKeySet();

    void closeSubscribers() {
        open.forEach(MercureSubscriber::close);
        open.clear();
    }

    @Override
    public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config config) {
        String channel = config.getOptionalValue("channel-name", String.class).orElse("?");
        URI hubUrl = URI.create(required(config, channel, "hub-url"));
        MercureSubscriber.Builder b = MercureSubscriber.builder(hubUrl);
        List<String> topics = list(config, "topics");
        List<String> match = list(config, "match");
        List<String> patterns = list(config, "url-patterns");
        if (topics.isEmpty() && match.isEmpty() && patterns.isEmpty()) {
            throw new ConfigurationException(attribute(channel, "topics"), "the incoming channel needs topics, match or url-patterns");
        }
        if (!topics.isEmpty()) {
            b.topics(topics.toArray(String[]::new));
        }
        if (!match.isEmpty()) {
            b.match(match.toArray(String[]::new));
        }
        if (!patterns.isEmpty()) {
            b.urlPatterns(patterns.toArray(String[]::new));
        }
        Optional<String> jwt = config.getOptionalValue("jwt", String.class);
        Optional<String> key = config.getOptionalValue("subscriber-secret-key", String.class);
        if (jwt.isPresent()) {
            b.token(jwt.get());
        } else if (key.isPresent()) {
            SigningKey signing = SigningKey.hmac(key.get());
            Duration ttl = Duration.ofSeconds(config.getOptionalValue("token-ttl", Long.class).orElse(3600L));
            List<String> grants = topics.isEmpty() ? List.of("*") : topics;
            TokenFactory tokens = new TokenFactory();
            b.token(() -> tokens.draft07(signing, null, grants, null, ttl));
        }
        config.getOptionalValue("last-event-id", String.class).ifPresent(b::lastEventId);
        config.getOptionalValue("buffer-size", Integer.class).ifPresent(b::bufferSize);
        config.getOptionalValue("reconnect-delay", Long.class).map(Duration::ofMillis).ifPresent(b::reconnectDelay);
        b.retryNotFound(config.getOptionalValue("retry-not-found", Boolean.class).orElse(true));
        MercureSubscriber subscriber = b.build();
        open.add(subscriber);
        Publisher<Message<String>> messages = downstream -> subscriber.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                downstream.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        s.request(n);
                    }

                    @Override
                    public void cancel() {
                        s.cancel();
                        open.remove(subscriber);
                    }
                });
            }

            @Override
            public void onNext(ReceivedUpdate update) {
                downstream.onNext(new UpdateMessage(update));
            }

            @Override
            public void onError(Throwable t) {
                open.remove(subscriber);
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                open.remove(subscriber);
                downstream.onComplete();
            }
        });
        return ReactiveStreams.fromPublisher(messages);
    }

    @Override
    public SubscriberBuilder<? extends Message<?>, Void> getSubscriberBuilder(Config config) {
        String channel = config.getOptionalValue("channel-name", String.class).orElse("?");
        List<String> topics = list(config, "topic");
        boolean privateUpdates = config.getOptionalValue("private", Boolean.class).orElse(false);
        Optional<String> type = config.getOptionalValue("type", String.class);
        Function<Update, CompletionStage<String>> publish = publisher(config, channel);
        return ReactiveStreams.<Message<?>>builder()
                .flatMapCompletionStage(message -> {
                    CompletionStage<String> published;
                    try {
                        published = publish.apply(update(message, topics, privateUpdates, type, channel));
                    } catch (RuntimeException e) {
                        published = CompletableFuture.failedFuture(e);
                    }
                    return published.handle((id, failure) -> failure)
                            .thenCompose(failure -> {
                                if (failure == null) {
                                    return message.ack();
                                }
                                LOG.log(Level.FINE, "publishing a message of channel " + channel + " failed", failure);
                                return message.nack(failure);
                            })
                            .handle((ignored, ackFailure) -> Boolean.TRUE); // one message's failure does not end the channel
                })
                .ignore();
    }

    private Function<Update, CompletionStage<String>> publisher(Config config, String channel) {
        Optional<String> hubUrl = config.getOptionalValue("hub-url", String.class);
        if (hubUrl.isEmpty()) {
            return update -> mercure.get().publishAsync(update);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put(MercureConfig.Key.HUB_URL.key(), hubUrl.get());
        config.getOptionalValue("jwt", String.class).ifPresent(j -> settings.put(MercureConfig.Key.PUBLISHER_JWT.key(), j));
        config.getOptionalValue("publisher-secret-key", String.class)
                .ifPresent(k -> settings.put(MercureConfig.Key.PUBLISHER_SECRET_KEY.key(), k));
        HubPublisher hub = HubPublisher.create(MercureConfig.of(settings));
        return hub::publishAsync;
    }

    private static Update update(Message<?> message, List<String> topics, boolean privateUpdate, Optional<String> type, String channel) {
        Object payload = message.getPayload();
        if (payload instanceof Update u) {
            return u;
        }
        if (topics.isEmpty()) {
            throw new ConfigurationException(attribute(channel, "topic"),
                    "a message whose payload is not an Update needs the channel's topic attribute");
        }
        String data = payload == null ? "" : payload instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : payload.toString();
        Update.Builder b = Update.builder().topics(topics).data(data).privateUpdate(privateUpdate);
        type.ifPresent(b::type);
        return b.build();
    }

    private static String required(Config config, String channel, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank())
                .orElseThrow(() -> new ConfigurationException(attribute(channel, name), "the mercure connector needs it"));
    }

    private static String attribute(String channel, String name) {
        return "mp.messaging.<direction>." + channel + "." + name;
    }

    private static List<String> list(Config config, String name) {
        return config.getOptionalValue(name, String.class)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * An update as a message: the data as payload, the {@link ReceivedUpdate} through {@link #unwrap}; ack and
     * nack complete at once (nothing to tell the hub).
     */
    static final class UpdateMessage implements Message<String> {
        private final ReceivedUpdate update;

        UpdateMessage(ReceivedUpdate update) {
            this.update = update;
        }

        @Override
        public String getPayload() {
            return update.data();
        }

        @Override
        public <C> C unwrap(Class<C> type) {
            if (type.isInstance(update)) {
                return type.cast(update);
            }
            return Message.super.unwrap(type);
        }

        @Override
        public String toString() {
            return "Message[" + update + "]";
        }
    }
}
