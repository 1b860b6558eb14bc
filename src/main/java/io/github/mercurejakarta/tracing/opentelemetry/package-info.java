/**
 * The hub's spans over the OpenTelemetry API: the only package that names {@code io.opentelemetry}, loaded
 * only when that API is present (an optional dependency: MicroProfile Telemetry on an application server,
 * the SDK in the standalone hub).
 */
package io.github.mercurejakarta.tracing.opentelemetry;
