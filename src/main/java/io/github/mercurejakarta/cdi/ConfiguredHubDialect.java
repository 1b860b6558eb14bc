package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.config.Lazy;
import io.github.mercurejakarta.jaxrs.EmbeddedHub;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.HubDialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application's {@link HubDialect}: {@link HubDialect#configured} from its configuration. The
 * external-hub client replaces the {@code auto} rule for external hubs here (or with an
 * {@code @Alternative @Priority} bean of type {@link HubDialect}).
 */
@ApplicationScoped
public class ConfiguredHubDialect implements HubDialect {

    @Inject
    EmbeddedHub embedded;

    private final Lazy<Dialect> dialect = Lazy.of(() -> HubDialect.configured(embedded.config()).dialect());

    @Override
    public Dialect dialect() {
        return dialect.get();
    }
}
