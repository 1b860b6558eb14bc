package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.AuthorizationCookie;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The authorization cookie's attributes: name per dialect, Secure, Path, Domain rules, Max-Age, clearing. */
class AuthorizationCookieTest {

    private static String withoutValue(AuthorizationCookie c) {
        String h = c.toSetCookieHeader();
        return h.replaceFirst("=[^;]*;", "=<token>;");
    }

    @Test
    void draft07OverHttpOnLocalhost() {
        AuthorizationCookie c = Fixture.draft07().access().authorizationCookie(List.of(), null);
        assertEquals("mercureAuthorization=<token>; Max-Age=3600; Path=/app/.well-known/mercure; HttpOnly; SameSite=Strict",
                withoutValue(c), "no Secure over http, no Domain for localhost");
    }

    @Test
    void draft08CookieIsSecureForItsPrefixEvenOverHttp() {
        AuthorizationCookie c = Fixture.draft08().access().authorizationCookie(List.of("t"), null);
        assertEquals("__Secure-mercure_access_token=<token>; Max-Age=3600; Path=/app/.well-known/mercure; Secure; HttpOnly; SameSite=Strict",
                withoutValue(c), "browsers drop a __Secure- cookie without Secure");
    }

    @Test
    void httpsHubOnASiblingHostSharesTheParentDomain() {
        AuthorizationCookie c = Fixture.draft07().request("https://app.example.com/")
                .set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure").access().authorizationCookie(List.of(), null);
        assertEquals("mercureAuthorization=<token>; Max-Age=3600; Path=/.well-known/mercure; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
                withoutValue(c));
    }

    @Test
    void theDomainComesFromThePublicHubUrlNotTheInternalOne() {
        AuthorizationCookie c = Fixture.draft07().request(null)
                .set("mercure.hub.url", "http://mercure.internal:5500/.well-known/mercure")
                .set("mercure.public.hub.url", "https://hub.example.com/hub").access().authorizationCookie(List.of(), null);
        assertEquals("hub.example.com", c.domain(), "outside a request: the public hub's host");
        assertEquals("/hub", c.path());
        assertTrue(c.secure());
    }

    @Test
    void anHttpsRequestMakesTheCookieSecure() {
        AuthorizationCookie c = Fixture.draft07().request("https://app.example.com/").access().authorizationCookie(List.of(), null);
        assertTrue(c.secure());
        assertNull(c.domain(), "the embedded hub is on the request's own host: a host-only cookie");
    }

    @Test
    void domainRules() {
        assertNull(AuthorizationCookies.cookieDomain("localhost", null), "never Domain=localhost");
        assertNull(AuthorizationCookies.cookieDomain("api.localhost", null));
        assertNull(AuthorizationCookies.cookieDomain("127.0.0.1", "127.0.0.1"), "no Domain for IPv4");
        assertNull(AuthorizationCookies.cookieDomain("[::1]", null), "no Domain for IPv6");
        assertNull(AuthorizationCookies.cookieDomain("mercure", "app.example.com"), "no Domain for single-label hosts");
        assertNull(AuthorizationCookies.cookieDomain("example.com", "EXAMPLE.com."), "same host: host-only");
        assertEquals("example.com", AuthorizationCookies.cookieDomain("hub.example.com", "app.example.com"));
        assertEquals("example.co.uk", AuthorizationCookies.cookieDomain("hub.example.co.uk", "www.example.co.uk"));
        assertEquals("example.com", AuthorizationCookies.cookieDomain("hub.example.com", "example.com"));
        assertEquals("hub.example.com", AuthorizationCookies.cookieDomain("hub.example.com", null), "request unknown: the hub's host");
        assertEquals("hub.example.com", AuthorizationCookies.cookieDomain("hub.example.com", "localhost"), "nothing shared: the hub's host");
    }

    @Test
    void clearingKeepsNamePathAndDomainWithMaxAgeZero() {
        Fixture f = Fixture.draft08().request("https://app.example.com/")
                .set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure");
        AuthorizationCookie set = f.access().authorizationCookie(List.of("t"), null);
        AuthorizationCookie clear = f.access().clearAuthorizationCookie();
        assertEquals("__Secure-mercure_access_token=; Max-Age=0; Path=/.well-known/mercure; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
                clear.toSetCookieHeader());
        assertEquals(set.name(), clear.name());
        assertEquals(set.path(), clear.path());
        assertEquals(set.domain(), clear.domain());
        assertTrue(clear.clearing());
    }

    @Test
    void theConfiguredNameWins() {
        assertEquals("hubAuth", Fixture.draft08().set("mercure.authz.cookie.name", "hubAuth").access()
                .authorizationCookie(List.of(), null).name());
    }

    @Test
    void aReadyTokenLivesUntilItsExp() {
        String token = new io.github.mercurejakarta.auth.TokenFactory(Fixture.CLOCK).draft07(
                io.github.mercurejakarta.auth.SigningKey.hmac(Fixture.SECRET), null, List.of("*"), null, Duration.ofSeconds(90));
        AuthorizationCookie c = Fixture.draft07().access().authorizationCookie(token);
        assertEquals(token, c.value());
        assertEquals(90, c.maxAge());
    }

    @Test
    void aMintedCookieTokenGrantsEverythingByDefault() {
        AuthorizationCookie c = Fixture.draft07().access().authorizationCookie(List.of(), null);
        assertEquals(java.util.Map.of("subscribe", List.of("*")), Fixture.claims(c.value()).get("mercure"));
    }

    @Test
    void somethingThatIsNotATokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fixture.draft07().access().authorizationCookie("a.b"));
        assertThrows(IllegalArgumentException.class,
                () -> new AuthorizationCookie("n", "x; Domain=evil.example", "/", null, 1, true), "no attribute injection");
        assertThrows(IllegalArgumentException.class,
                () -> new AuthorizationCookie("n", "x\r\nSet-Cookie: y=z", "/", null, 1, true), "no header injection");
    }

    @Test
    void toStringNeverShowsTheToken() {
        AuthorizationCookie c = Fixture.draft07().access().authorizationCookie(List.of(), null);
        assertFalse(c.toString().contains(c.value()));
    }
}
