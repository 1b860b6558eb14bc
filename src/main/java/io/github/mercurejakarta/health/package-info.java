/**
 * The hub's health: liveness (running, dispatch not stuck) and readiness (the transport takes updates),
 * computed in {@link io.github.mercurejakarta.health.HubHealth} and served through MicroProfile Health when
 * the application has it ({@code /health/live}, {@code /health/ready}), and by the standalone hub at the
 * same paths.
 *
 * <pre>{@code
 * // server.xml: <feature>mpHealth-4.0</feature>   then   curl http://host/health/ready
 * // {"status":"UP","checks":[{"name":"mercure-transport","status":"UP","data":{"transport":"redis://redis:6379"}}]}
 * }</pre>
 */
package io.github.mercurejakarta.health;
