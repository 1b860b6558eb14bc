package io.github.mercurejakarta.testing;

import io.github.mercurejakarta.ActiveSubscription;
import io.github.mercurejakarta.AuthorizationCookie;
import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.auth.TokenVerifier;
import io.github.mercurejakarta.auth.VerificationContext;
import io.github.mercurejakarta.auth.VerificationKey;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder stands in for every method of {@link Mercure}: its helpers make real URLs, tokens and
 * cookies from the test's settings, and presence answers from the subscriptions the test declares.
 */
class MercureRecorderHelpersTest {

    private static final String HUB = "https://hub.example.com/.well-known/mercure";
    private static final String KEY = "a-subscriber-key-for-the-recorder-tests";
    private static final String ROOM = "https://example.com/rooms/1";

    private static Grants verify(String token, String key, String hub) throws Exception {
        return new TokenVerifier(VerificationKey.parse(key), "mercure")
                .verify(token, new VerificationContext(hub, hub, Instant.now()));
    }

    @Test
    void defaultsAreADraft08HubUrlAndAKeyTheTestCanVerifyWith() throws Exception {
        Mercure mercure = new MercureRecorder();
        assertEquals(MercureRecorder.DEFAULT_HUB_URL + "?match=" + ROOM, mercure.hubUrl(ROOM));
        Grants grants = verify(mercure.subscriberToken(ROOM), MercureRecorder.DEFAULT_SUBSCRIBER_KEY,
                MercureRecorder.DEFAULT_HUB_URL);
        assertTrue(grants.maySubscribe(ROOM), "the token grants the topic it was minted for");
        assertEquals(Optional.of(Dialect.DRAFT_08), grants.dialect());
    }

    @Test
    void hubUrlAndTokensFollowTheGivenSettings() throws Exception {
        Mercure mercure = new MercureRecorder(HUB, KEY, 7);
        assertEquals(HUB + "?topic=" + ROOM, mercure.hubUrl(ROOM), "draft-07 names topics with topic=");
        assertEquals(HUB, mercure.hubUrl(), "no topic: the bare hub URL");
        Grants grants = verify(mercure.subscriberToken(List.of(ROOM), Map.of("user", "alice")), KEY, HUB);
        assertTrue(grants.maySubscribe(ROOM));
        assertEquals(Optional.of(Map.of("user", "alice")), grants.payloadFor(ROOM), "the payload is in the token");
    }

    @Test
    void authenticatedHubUrlCarriesAVerifiableTokenInDraft07() throws Exception {
        String url = new MercureRecorder(HUB, KEY, 7).authenticatedHubUrl(ROOM);
        assertTrue(url.startsWith(HUB + "?topic=" + ROOM + "&authorization="), url);
        assertTrue(verify(url.substring(url.indexOf("authorization=") + 14), KEY, HUB).maySubscribe(ROOM));
        assertThrows(IllegalStateException.class, () -> new MercureRecorder(HUB, KEY, 8).authenticatedHubUrl(ROOM),
                "draft-08 forbids tokens in URLs, as with the real bean");
    }

    @Test
    void cookiesCarryAVerifiableTokenAndClearing() throws Exception {
        Mercure mercure = new MercureRecorder(HUB, KEY, 8);
        AuthorizationCookie cookie = mercure.authorizationCookie(ROOM);
        assertEquals("__Secure-mercure_access_token", cookie.name());
        assertEquals("/.well-known/mercure", cookie.path());
        assertTrue(verify(cookie.value(), KEY, HUB).maySubscribe(ROOM));
        assertEquals(cookie.value(), mercure.authorizationCookieWithToken(cookie.value()).value());
        assertTrue(mercure.clearAuthorizationCookie().clearing());
    }

    @Test
    void nobodyIsConnectedUntilTheTestSaysSo() {
        Mercure mercure = new MercureRecorder();
        assertEquals(List.of(), mercure.getSubscriptions(ROOM));
        assertFalse(mercure.isConnected(ROOM));
    }

    @Test
    void declaredSubscriptionsAnswerPresence() {
        MercureRecorder mercure = new MercureRecorder();
        ActiveSubscription alice = mercure.connect(ROOM, Map.of("user", "alice"));
        mercure.connect("https://example.com/rooms/2", Map.of("user", "bob"));
        assertEquals(List.of(alice), mercure.getSubscriptions(ROOM), "only the topic's subscriptions");
        assertEquals(2, mercure.getSubscriptions(null).size(), "no topic: all of them");
        assertTrue(mercure.isConnected(ROOM, Map.of("user", "alice")));
        assertFalse(mercure.isConnected(ROOM, Map.of("user", "bob")), "bob is in another room");
        assertEquals(Optional.of(alice), mercure.getSubscription(ROOM, alice.subscriber()));
        assertTrue(alice.subscriber().startsWith("urn:uuid:"));
        assertTrue(alice.id().startsWith("/.well-known/mercure/subscriptions/exact/"), alice.id());
    }

    @Test
    void disconnectEndsTheConnectionsSubscriptions() {
        MercureRecorder mercure = new MercureRecorder();
        ActiveSubscription alice = mercure.connect(ROOM, Map.of("user", "alice"));
        assertTrue(mercure.disconnect(alice.subscriber()));
        assertFalse(mercure.isConnected(ROOM), "nobody left");
        assertFalse(mercure.disconnect(alice.subscriber()), "already gone");
        mercure.connect(ROOM, null);
        mercure.disconnectAll();
        assertFalse(mercure.isConnected(ROOM));
    }

    @Test
    void draft07SubscriptionsHaveDraft07Ids() {
        ActiveSubscription s = new MercureRecorder(HUB, KEY, 7).connect(ROOM, null);
        assertEquals(7, s.protocolVersion());
        assertTrue(s.id().startsWith("/.well-known/mercure/subscriptions/https%3A%2F%2F"), s.id());
    }
}
