package io.github.mercurejakarta.jaxrs;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.http.HubProtocol;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.tracing.HubTracing;
import io.github.mercurejakarta.tracing.TracingState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's configuration and, when it is on, its embedded hub. {@code cdi.MercureExtension} starts it with
 * the application ({@code @Initialized(ApplicationScoped.class)}), so that a hub that cannot start (Redis
 * unreachable) fails the start-up rather than the first request, and stops it on
 * {@code @BeforeDestroyed(ApplicationScoped.class)}, before the application's other beans go (every open stream
 * ends then). Without the extension (discovery off, beans added by hand) it starts at first use.
 */
@ApplicationScoped
public class EmbeddedHub {

    private static final Logger LOG = Logger.getLogger(EmbeddedHub.class.getName());

    @Inject
    Config mpConfig;

    private MercureConfig config;
    private Hub hub;
    private HubProtocol protocol;
    private final AtomicBoolean served = new AtomicBoolean();

    @Inject
    Event<FirstRequest> firstRequest;

    /** MicroProfile Telemetry's spans, when the application has the OpenTelemetry API ({@code cdi.ApplicationTracing}). */
    @Inject
    Instance<HubTracing> tracingBeans;

    private HubTracing tracing = HubTracing.OFF;

    /**
     * Fired once, on the thread of the first request the embedded hub serves: where per-application
     * integrations must register (Open Liberty attributes a MicroProfile metric to an application by the
     * thread's application context, which start-up observers lack).
     *
     * <pre>{@code void register(@Observes EmbeddedHub.FirstRequest first) { first.hub().metrics(); }}</pre>
     *
     * @param hub the embedded hub
     */
    public record FirstRequest(Hub hub) {
    }

    @PostConstruct
    void start() {
        config = MercureConfig.from(key -> mpConfig.getOptionalValue(key, String.class));
        tracing = resolveTracing();
        if (config.embeddedHub()) {
            try {
                hub = Hub.create(config, tracing);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "MERCURE0006E the embedded Mercure hub could not start: " + e.getMessage(), e);
                throw e;
            }
            protocol = new HubProtocol(config, hub);
            LOG.info("MERCURE0001I embedded Mercure hub started (HTTP publish "
                    + (config.allowPublish() ? "on" : "off") + ", anonymous subscribers "
                    + (config.allowAnonymous() ? "allowed" : "refused") + ")");
        }
    }

    private HubTracing resolveTracing() {
        if (tracingBeans != null && tracingBeans.isResolvable()) {
            return tracingBeans.get();
        }
        TracingState.log(HubTracing.OFF, "the application sees no OpenTelemetry API (MicroProfile Telemetry)");
        return HubTracing.OFF;
    }

    /** Ends the hub's streams and closes it; once only (the extension calls it first, then {@code @PreDestroy}). */
    @PreDestroy
    public void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    public MercureConfig config() {
        return config;
    }

    /**
     * @return the application's tracing: the embedded hub's spans, and the trace context an external hub's
     *     publications carry ({@link HubTracing#OFF} without MicroProfile Telemetry)
     */
    public HubTracing tracing() {
        return tracing;
    }

    /** @return the embedded hub, when it is on */
    public Optional<Hub> hub() {
        return Optional.ofNullable(hub);
    }

    /** Called by the resources as they first serve a request: fires {@link FirstRequest} once. */
    void serving() {
        if (hub != null && served.compareAndSet(false, true)) {
            firstRequest.fire(new FirstRequest(hub));
        }
    }

    /** @return the JWK Sets the embedded hub verifies tokens with (empty when it is off or has none) */
    public java.util.List<io.github.mercurejakarta.auth.JwksKeys> keySets() {
        return protocol == null ? java.util.List.of() : protocol.keySets();
    }

    /** @return the HTTP protocol layer of the embedded hub, when it is on */
    public Optional<HubProtocol> protocol() {
        return Optional.ofNullable(protocol);
    }
}
