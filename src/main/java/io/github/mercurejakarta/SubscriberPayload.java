package io.github.mercurejakarta;

import java.util.Collection;
import java.util.Map;

/**
 * Supplies the payload of every subscriber token the helpers mint (the counterpart of
 * flask-mercure-sse's {@code payload_getter}). The hub attaches the payload to the subscriber's
 * subscriptions, where other authorized subscribers see it (subscription events, subscriptions API), so
 * it typically names the user. Implement it as a CDI bean of the application; at most one such bean.
 * A payload passed explicitly to {@link Mercure#subscriberToken(Collection, Map)} is merged over this
 * one (its keys win).
 *
 * <pre>{@code
 * @RequestScoped
 * public class CurrentUserPayload implements SubscriberPayload {
 *     @Inject SecurityContext security;            // jakarta.security.enterprise
 *
 *     @Override
 *     public Map<String, Object> payload(Collection<String> topics) {
 *         Principal user = security.getCallerPrincipal();
 *         return user == null ? Map.of() : Map.of("user", user.getName());
 *     }
 * }
 * }</pre>
 *
 * Values must be JSON values: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}
 * or null.
 */
@FunctionalInterface
public interface SubscriberPayload {

    /**
     * The payload of a token being minted for {@code topics}, called once per token (on the thread that
     * asks for it, so a request-scoped bean sees the current user).
     *
     * <pre>{@code return Map.of("user", user.getName(), "rooms", topics.size());}</pre>
     *
     * @param topics the topics the token is minted for
     * @return the payload (a JSON object); null or empty for none
     */
    Map<String, Object> payload(Collection<String> topics);
}
