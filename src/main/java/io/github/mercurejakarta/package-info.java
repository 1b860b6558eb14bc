/**
 * The public API of mercure-jakarta: what an application compiles against. Everything else in the jar
 * (the {@code auth}, {@code cdi}, {@code client}, {@code config}, {@code health}, {@code http},
 * {@code hub}, {@code jaxrs}, {@code match}, {@code protocol} and {@code subscriber} packages) is
 * implementation and may change in any release, except {@code subscriber.ServletCookies}, which Servlet
 * applications call to set the {@link io.github.mercurejakarta.AuthorizationCookie}.
 *
 * <ul>
 *   <li>{@link io.github.mercurejakarta.Mercure}: the bean to {@code @Inject}: publishes updates to the
 *       embedded or an external hub, gives browsers hub URLs, tokens and the authorization cookie, and
 *       reports presence (named {@code mercure} for EL);</li>
 *   <li>{@link io.github.mercurejakarta.Update}: one update, an immutable value;</li>
 *   <li>{@link io.github.mercurejakarta.MercureSubscriber} and {@link io.github.mercurejakarta.ReceivedUpdate}:
 *       a Java service subscribed to a hub (any hub, either draft), with reconnection, token renewal and
 *       backpressure;</li>
 *   <li>{@link io.github.mercurejakarta.AuthorizationCookie}: the cookie that carries a subscriber token
 *       to the hub;</li>
 *   <li>{@link io.github.mercurejakarta.ActiveSubscription}: one subscription, as presence reports it;</li>
 *   <li>{@link io.github.mercurejakarta.SubscriberPayload}: the application's hook for the payload of the
 *       tokens the helpers mint;</li>
 *   <li>{@link io.github.mercurejakarta.MercureTopic} and {@link io.github.mercurejakarta.MercureDiscovery}:
 *       annotations (CDI events as updates; the hub's {@code Link} header on JAX-RS responses).</li>
 * </ul>
 *
 * Also API: {@link io.github.mercurejakarta.exceptions} (what the API throws, one family per thing a
 * caller does) and {@link io.github.mercurejakarta.testing} (the test double for an application's tests).
 *
 * <pre>{@code
 * @Inject Mercure mercure;
 *
 * try {
 *     mercure.publish(Update.of("https://example.com/books/1", "{\"title\":\"Dune\"}"));
 * } catch (HubUnavailableException e) {
 *     outbox.retryLater(e);
 * }
 * String url = mercure.hubUrl("https://example.com/books/1");    // for the browser's EventSource
 * }</pre>
 */
package io.github.mercurejakarta;
