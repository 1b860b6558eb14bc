/**
 * What the API throws: unchecked {@link io.github.mercurejakarta.exceptions.MercureException}s in three
 * families, one per thing a caller does about them, the same whether the application publishes to its
 * embedded hub or to an external one.
 *
 * <pre>
 * MercureException
 * ├── HubUnavailableException         retry later
 * │   ├── HubUnreachableException     external hub: no connection
 * │   ├── HubTimeoutException         external hub: no answer in time
 * │   ├── HubServerException          external hub: 5xx
 * │   └── (TransportException)        embedded hub: its transport (Redis) is down; or it is shutting down
 * ├── UpdateRejectedException         fix the update or the token
 * │   ├── InvalidUpdateException      embedded hub: a rule of the protocol is broken
 * │   ├── HubRejectedUpdateException  external hub: 400/413
 * │   └── HubAuthorizationException   external hub: 401/403, the publisher (or subscriptions) token is refused
 * └── ConfigurationException          fix the settings (key() names the key)
 *     └── HubException                external hub: 404, 405, a redirect: mercure.hub.url names no hub that publishes
 * </pre>
 *
 * A {@code MercureException} of none of the families means the calling thread was interrupted while it
 * waited for an external hub (or, reading its active subscriptions, the hub's answer was not JSON).
 *
 * <p>Every failure of an external hub also implements {@link io.github.mercurejakarta.exceptions.ExternalHubFailure}
 * (its URL, status and message).
 *
 * <pre>{@code
 * try {
 *     mercure.publish(update);
 * } catch (HubUnavailableException e) {
 *     outbox.retryLater(update);
 * } catch (UpdateRejectedException e) {
 *     log.error("refused: " + e.getMessage());
 * }
 * }</pre>
 */
package io.github.mercurejakarta.exceptions;
