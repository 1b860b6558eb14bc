/**
 * The hub's tracing seam: {@link io.github.mercurejakarta.tracing.HubTracing}, what the hub core and the HTTP
 * layer call around a publish and a subscription's opening, with {@link io.github.mercurejakarta.tracing.HubTracing#OFF}
 * (nothing made, nothing allocated) as the default. It names no tracing library: the one implementation,
 * over the OpenTelemetry API, is {@code tracing.opentelemetry}, chosen by the embedded hub when the
 * application's server provides MicroProfile Telemetry and by the standalone hub when {@code OTEL_*}
 * variables turn it on.
 */
package io.github.mercurejakarta.tracing;
