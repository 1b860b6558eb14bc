package io.github.mercurejakarta.exceptions;

import com.sun.net.httpserver.HttpServer;
import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.client.HubPublisher;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.http.HubRequest;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.HubSettings;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.LocalTransport;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.protocol.SubscriptionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One family per thing a caller does, whichever hub is used: the embedded hub (in-process, over a real
 * transport that fails) and an external hub (a real local HTTP server answering as a failing hub) throw
 * exceptions of the same family for the same situation.
 */
class ExceptionFamiliesTest {

    private static final String KEY = "publisher-key-for-the-family-unit-tests!";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A local transport whose backing service is down: every dispatch fails, as Redis does when unreachable. */
    private static final class DownTransport implements Transport {
        private final LocalTransport local = new LocalTransport(10);

        @Override
        public void start(Consumer<EncodedUpdate> listener) {
            local.start(listener);
        }

        @Override
        public EncodedUpdate dispatch(EncodedUpdate update) {
            throw new TransportException("the backing service is unreachable");
        }

        @Override
        public History history(String lastEventId) {
            return local.history(lastEventId);
        }

        @Override
        public String lastEventId() {
            return local.lastEventId();
        }

        @Override
        public void register(ActiveSubscription subscription) {
            local.register(subscription);
        }

        @Override
        public void unregister(ActiveSubscription subscription) {
            local.unregister(subscription);
        }

        @Override
        public SubscriptionSnapshot subscriptions() {
            return local.subscriptions();
        }

        @Override
        public void close() {
            local.close();
        }
    }

    private Hub embedded(Transport transport, String... config) {
        Map<String, String> map = new java.util.HashMap<>();
        map.put("mercure.hub.keepalive.interval", "0");
        for (int i = 0; i < config.length; i += 2) {
            map.put(config[i], config[i + 1]);
        }
        Hub hub = new Hub(HubSettings.of(MercureConfig.of(map)), transport);
        toClose.add(hub);
        return hub;
    }

    /** A real HTTP server answering every publication with {@code status} and {@code body}. */
    private HubPublisher externalAnswering(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        toClose.add(() -> server.stop(0));
        return external("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/mercure");
    }

    private static HubPublisher external(String hubUrl) {
        return HubPublisher.create(MercureConfig.of(Map.of("mercure.hub.url", hubUrl,
                "mercure.publisher.secret.key", KEY, "mercure.protocol.version", "7")));
    }

    // ---- unavailable: retry later ----

    @Test
    void anEmbeddedHubWhoseTransportIsDownIsUnavailable() {
        Hub hub = embedded(new DownTransport());
        HubUnavailableException e = assertThrows(HubUnavailableException.class, () -> hub.publish(Update.of("t", "d")),
                "a transport outage is retried like an external hub's outage");
        assertInstanceOf(TransportException.class, e);
    }

    @Test
    void aClosedEmbeddedHubIsUnavailable() {
        Hub hub = embedded(new LocalTransport(10));
        hub.close();
        assertThrows(HubUnavailableException.class, () -> hub.publish(Update.of("t", "d")),
                "a hub that is shutting down is unavailable, not a bug");
    }

    @Test
    void anExternalHubThatIsDownIsUnavailable() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        HubPublisher publisher = external("http://127.0.0.1:" + freePort + "/.well-known/mercure");
        HubUnavailableException e = assertThrows(HubUnavailableException.class, () -> publisher.publish(Update.of("t", "d")),
                "no connection is the same family as a transport outage");
        assertInstanceOf(HubUnreachableException.class, e);
    }

    @Test
    void anExternalHubAnsweringAServerErrorIsUnavailable() throws IOException {
        HubPublisher publisher = externalAnswering(503, "Redis is down");
        HubUnavailableException e = assertThrows(HubUnavailableException.class, () -> publisher.publish(Update.of("t", "d")),
                "a 5xx is the same family as a transport outage");
        HubServerException server = assertInstanceOf(HubServerException.class, e);
        assertEquals(503, server.status(), "the status is kept");
        assertEquals("Redis is down", server.hubMessage().orElseThrow(), "what the hub said is kept");
    }

    /** What an HTTP publish to the embedded hub answers: exactly the unavailable family is 503. */
    private static int httpPublishStatus(Hub hub) {
        String secret = "publisher-secret-for-the-family-tests!!";
        MercureConfig config = MercureConfig.of(Map.of("mercure.hub.allow.publish", "true",
                "mercure.publisher.secret.key", secret));
        String token = new TokenFactory().draft07(SigningKey.hmac(secret), List.of("*"), null, null, null);
        HubRequest post = new HubRequest() {
            @Override
            public String method() {
                return "POST";
            }

            @Override
            public String hubUrl() {
                return "http://localhost/.well-known/mercure";
            }

            @Override
            public String rawQuery() {
                return null;
            }

            @Override
            public String header(String name) {
                return "Authorization".equalsIgnoreCase(name) ? "Bearer " + token : null;
            }
        };
        return new HubProtocol(config, hub).publish(post, "topic=t&data=d".getBytes(StandardCharsets.UTF_8)).status();
    }

    @Test
    void anHttpPublisherOfAnEmbeddedHubWhoseTransportIsDownGets503() {
        assertEquals(503, httpPublishStatus(embedded(new DownTransport())), "unavailable: the client retries later");
    }

    @Test
    void anHttpPublisherOfAClosedEmbeddedHubGets503() {
        Hub hub = embedded(new LocalTransport(10));
        hub.close();
        assertEquals(503, httpPublishStatus(hub), "a hub that is shutting down is unavailable");
    }

    @Test
    void anHttpPublisherOfAWorkingEmbeddedHubGets200() {
        assertEquals(200, httpPublishStatus(embedded(new LocalTransport(10))), "the same request, with the hub up");
    }

    // ---- rejected: fix the update or the token ----

    @Test
    void anInvalidUpdateIsRejectedByTheEmbeddedHub() {
        Hub hub = embedded(new LocalTransport(10));
        UpdateRejectedException e = assertThrows(UpdateRejectedException.class,
                () -> hub.publish(Update.builder().topic("t").type("mercure").build()), "type=mercure is reserved");
        assertInstanceOf(InvalidUpdateException.class, e);
    }

    @Test
    void anInvalidUpdateIsRejectedByAnExternalHub() throws IOException {
        HubPublisher publisher = externalAnswering(400, "the type mercure is reserved");
        UpdateRejectedException e = assertThrows(UpdateRejectedException.class,
                () -> publisher.publish(Update.builder().topic("t").type("mercure").build()),
                "a 400 is the same family as the embedded hub's InvalidUpdateException");
        assertInstanceOf(HubRejectedUpdateException.class, e);
    }

    @Test
    void aRefusedTokenIsRejectedByAnExternalHub() throws IOException {
        HubPublisher publisher = externalAnswering(401, "invalid token");
        UpdateRejectedException e = assertThrows(UpdateRejectedException.class, () -> publisher.publish(Update.of("t", "d")),
                "a refused token is fixed, not retried");
        assertInstanceOf(HubAuthorizationException.class, e);
    }

    // ---- configuration: fix the settings ----

    @Test
    void anEmbeddedHubWithSubscriptionsOffIsAConfigurationError() {
        Hub hub = embedded(new LocalTransport(10), "mercure.hub.subscriptions", "false");
        ConfigurationException e = assertThrows(ConfigurationException.class, hub::subscriptions,
                "listing subscriptions that are switched off is fixed in the settings");
        assertEquals("mercure.hub.subscriptions", e.key(), "the key is named");
    }

    @Test
    void anExternalHubUrlThatNamesNoHubIsAConfigurationError() throws IOException {
        HubPublisher publisher = externalAnswering(404, "not found");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> publisher.publish(Update.of("t", "d")),
                "a 404 means mercure.hub.url is wrong");
        HubException hub = assertInstanceOf(HubException.class, e);
        assertEquals("mercure.hub.url", hub.key(), "the key is named");
        assertEquals(404, hub.status(), "the status is kept");
    }

    @Test
    void aMissingPublisherKeyIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> HubPublisher.create(MercureConfig.of(Map.of("mercure.hub.url", "http://127.0.0.1:1/.well-known/mercure"))),
                "no credential to publish with");
        assertInstanceOf(ConfigurationException.class, e);
    }

    // ---- every external failure carries the hub's answer ----

    @Test
    void everyExternalHubFailureCarriesTheHubUrl() throws IOException {
        HubPublisher publisher = externalAnswering(500, "boom");
        MercureException e = assertThrows(MercureException.class, () -> publisher.publish(Update.of("t", "d")));
        ExternalHubFailure f = assertInstanceOf(ExternalHubFailure.class, e, "an external hub's failure names the hub");
        assertEquals(publisher.hubUrl().toString(), f.hubUrl());
    }
}
