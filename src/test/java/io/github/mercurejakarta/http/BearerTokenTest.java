package io.github.mercurejakarta.http;

import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class BearerTokenTest {

    private static HubRequest request(String query, String... headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HubRequest() {
            public String method() { return "GET"; }
            public String hubUrl() { return "http://h/.well-known/mercure"; }
            public String rawQuery() { return query; }
            public String header(String name) { return h.get(name); }
        };
    }

    private static BearerToken find(Dialect d, String query, String... headers) {
        HubRequest r = request(query, headers);
        return BearerToken.find(r, d, FormData.parse(query == null ? "" : query), d.defaultCookieName());
    }

    @Test
    void draft07PrefersHeaderThenQueryThenCookie() {
        assertEquals("H", find(Dialect.DRAFT_07, "authorization=Q", "Authorization", "Bearer H", "Cookie", "mercureAuthorization=C").value());
        assertEquals("Q", find(Dialect.DRAFT_07, "authorization=Q", "Cookie", "mercureAuthorization=C").value());
        assertEquals("C", find(Dialect.DRAFT_07, null, "Cookie", "a=1; mercureAuthorization=C; b=2").value());
    }

    @Test
    void draft08NeverTakesATokenFromTheUrl() {
        assertFalse(find(Dialect.DRAFT_08, "authorization=Q&access_token=Q").present());
        assertEquals("C", find(Dialect.DRAFT_08, "authorization=Q", "Cookie", "__Secure-mercure_access_token=C").value());
        assertEquals(BearerToken.Source.COOKIE, find(Dialect.DRAFT_08, null, "Cookie", "__Secure-mercure_access_token=C").source());
    }

    @Test
    void theHeaderWinsOverAJunkCookie() {
        assertEquals("H", find(Dialect.DRAFT_08, null, "Authorization", "bearer H", "Cookie", "__Secure-mercure_access_token=junk").value());
    }

    @Test
    void malformedAuthorizationHeadersAreFlagged() {
        assertTrue(find(Dialect.DRAFT_08, null, "Authorization", "Basic abc").malformed());
        assertTrue(find(Dialect.DRAFT_08, null, "Authorization", "Bearer").malformed());
        assertTrue(find(Dialect.DRAFT_08, null, "Authorization", "Bearertoken").malformed());
        assertTrue(find(Dialect.DRAFT_08, null, "Authorization", "Bearer a b").malformed());
        assertFalse(find(Dialect.DRAFT_08, null, "Authorization", "BEARER  tok").malformed());
    }

    @Test
    void otherCookiesAreIgnored() {
        assertFalse(find(Dialect.DRAFT_07, null, "Cookie", "mercureAuthorizationX=1; session=2").present());
        assertEquals("v", BearerToken.cookieValue("x=\"v\"", "x"), "quoted cookie values are unquoted");
    }
}
