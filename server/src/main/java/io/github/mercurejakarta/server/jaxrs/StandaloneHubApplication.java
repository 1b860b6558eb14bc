package io.github.mercurejakarta.server.jaxrs;

import io.github.mercurejakarta.jaxrs.DebugPageResource;
import io.github.mercurejakarta.jaxrs.HubRequestBinding;
import io.github.mercurejakarta.jaxrs.HubResource;
import io.github.mercurejakarta.jaxrs.ResponseHeaders;
import io.github.mercurejakarta.jaxrs.SseFrameWriter;
import io.github.mercurejakarta.jaxrs.SubscriptionsResource;
import io.github.mercurejakarta.server.StandaloneHub;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The hub's JAX-RS resources and providers, wired without CDI: what the standalone hub starts with
 * Jakarta REST's {@code SeBootstrap}. The same classes serve the embedded hub.
 *
 * <p>It lives here, not in the library: application servers scan the library jar for
 * {@code Application} subclasses, and Open Liberty warns about one that has no {@code @ApplicationPath}.
 */
public class StandaloneHubApplication extends Application {

    private final StandaloneHub hub;

    public StandaloneHubApplication(StandaloneHub hub) {
        this.hub = hub;
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new HubResource(hub.protocol(), hub.config().maxBodySize(), StandaloneHubApplication::peerAddress),
                new SubscriptionsResource(hub.protocol()), new MetricsResource(hub.hub().metrics()),
                new DebugPageResource(hub.config().ui()), new HealthResource(hub.hub(), hub.protocol().keySets()), new SseFrameWriter(),
                new ResponseHeaders(), new HubRequestBinding());
    }

    /**
     * The connection's peer as RESTEasy (reactor-netty) knows it, for the per-address connection limit;
     * called on the request thread, where RESTEasy's context holds the current request.
     */
    static String peerAddress() {
        org.jboss.resteasy.spi.HttpRequest request =
                org.jboss.resteasy.core.ResteasyContext.getContextData(org.jboss.resteasy.spi.HttpRequest.class);
        return request == null ? null : request.getRemoteAddress();
    }
}
