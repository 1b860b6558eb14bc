package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.config.MercureConfig;

/**
 * Which protocol draft the application speaks to the hub its browsers use: it decides the subscribe
 * parameter of hub URLs ({@code topic=} or {@code match=}), the kind of subscriber token minted and the
 * default authorization cookie name.
 *
 * <p>This is the seam for the external-hub client: {@code mercure.protocol.version=auto} against an
 * external hub should probe the hub (draft-08 protected-resource metadata) once. Until that exists,
 * {@link #configured(MercureConfig)} answers draft-07 for an external hub, which every deployed hub
 * understands. A CDI application can replace the rule with an {@code @Alternative @Priority} bean of
 * this type.
 *
 * <pre>{@code
 * HubDialect dialect = HubDialect.configured(config);
 * String parameter = dialect.dialect() == Dialect.DRAFT_08 ? "match" : "topic";
 * }</pre>
 */
@FunctionalInterface
public interface HubDialect {

    /** @return the draft to speak to the hub browsers are sent to */
    Dialect dialect();

    /**
     * The rule from configuration: {@code mercure.protocol.version} {@code 7} or {@code 8} as given;
     * {@code auto} is draft-08 when the browsers' hub is the embedded one (it speaks both, draft-08 is the
     * current spec), draft-07 for an external hub (until the external-hub client probes it).
     */
    static HubDialect configured(MercureConfig config) {
        Dialect d = switch (config.protocolVersion()) {
            case "7" -> Dialect.DRAFT_07;
            case "8" -> Dialect.DRAFT_08;
            default -> targetsEmbeddedHub(config) ? Dialect.DRAFT_08 : Dialect.DRAFT_07;
        };
        return () -> d;
    }

    /**
     * @return true when browsers are sent to this application's embedded hub: it is on and
     *     {@code mercure.hub.url} does not name another hub
     */
    static boolean targetsEmbeddedHub(MercureConfig config) {
        return config.embeddedHub() && config.hubUrlFromRequest();
    }
}
