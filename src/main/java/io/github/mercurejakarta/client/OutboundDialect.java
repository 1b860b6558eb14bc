package io.github.mercurejakarta.client;

import io.github.mercurejakarta.protocol.Dialect;

import java.util.Objects;

/**
 * How to talk to one external hub: the draft its tokens must follow and, for draft-08, the audience
 * ({@code aud}) they must carry.
 *
 * @param dialect  the draft the hub speaks
 * @param audience the hub's resource identifier (draft-08 {@code aud}); for draft-07, the hub URL (unused)
 */
public record OutboundDialect(Dialect dialect, String audience) {

    public OutboundDialect {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(audience, "audience");
    }
}
