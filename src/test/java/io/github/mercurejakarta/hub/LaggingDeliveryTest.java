package io.github.mercurejakarta.hub;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.LocalTransport;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.match.TopicMatchers;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The replay/live hand-over when the transport's delivery lags its history, as with Redis: an update
 * may be in a history answer before the reader delivers it live. It must reach the subscriber once.
 */
class LaggingDeliveryTest {

    /** A LocalTransport whose deliveries wait until {@link #deliver()}: the reader of a shared log, late. */
    private static final class LaggingTransport implements Transport {
        final LocalTransport log = new LocalTransport(100);
        final List<EncodedUpdate> pending = new ArrayList<>();
        Consumer<EncodedUpdate> hub;

        @Override
        public void start(Consumer<EncodedUpdate> listener) {
            hub = listener;
            log.start(pending::add);
        }

        void deliver() {
            List<EncodedUpdate> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(hub);
        }

        @Override
        public EncodedUpdate dispatch(EncodedUpdate update) {
            return log.dispatch(update);
        }

        @Override
        public History history(String lastEventId) {
            return log.history(lastEventId);
        }

        @Override
        public String lastEventId() {
            return log.lastEventId();
        }

        @Override
        public void register(io.github.mercurejakarta.ActiveSubscription subscription) {
            log.register(subscription);
        }

        @Override
        public void unregister(io.github.mercurejakarta.ActiveSubscription subscription) {
            log.unregister(subscription);
        }

        @Override
        public io.github.mercurejakarta.protocol.SubscriptionSnapshot subscriptions() {
            return log.subscriptions();
        }

        @Override
        public void close() {
            log.close();
        }
    }

    private static List<String> ids(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^id: (.*)$").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void updateInTheReplayAndDeliveredLateReachesTheSubscriberOnce() throws Exception {
        LaggingTransport transport = new LaggingTransport();
        try (Hub hub = new Hub(HubSettings.of(MercureConfig.of(Map.of("mercure.hub.keepalive.interval", "0"))), transport)) {
            hub.publish(Update.builder().topic("t").id("u1").data("1").build());
            RecordingSink sink = new RecordingSink();
            hub.subscribe(new SubscriptionRequest(Dialect.DRAFT_08, List.of(TopicMatchers.exact("t")), null, null,
                    Dialect.EARLIEST, null), sink).start();
            hub.publish(Update.builder().topic("t").id("u2").data("2").build());
            transport.deliver(); // u1 (already replayed) and u2 arrive live after the hand-over
            String text = sink.awaitText(t -> t.contains("id: u2"), Duration.ofSeconds(5));
            assertEquals(List.of("u1", "u2"), ids(text), "u1 comes from the replay only, u2 live, each once");
        }
    }
}
