package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.testing.MercureRecorder;
import jakarta.el.ELProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The helpers as pages call them through Jakarta EL (Expressly 5.0): overloads resolve for a single
 * string, several strings, an EL list and no argument.
 */
class ExpressionLanguageTest {

    private static final String HUB = "http://localhost:9080/app/.well-known/mercure";

    /** EL over the shipped test double, whose helpers are the real ones configured for {@code HUB}. */
    private static ELProcessor el(int protocolVersion) {
        ELProcessor el = new ELProcessor();
        el.defineBean("mercure", new MercureRecorder(HUB, Fixture.SECRET, protocolVersion));
        return el;
    }

    @Test
    void hubUrlWithOneTopic() {
        assertEquals(HUB + "?match=https://example.com/books/1",
                el(8).eval("mercure.hubUrl('https://example.com/books/1')"));
    }

    @Test
    void hubUrlWithSeveralTopics() {
        assertEquals(HUB + "?topic=a&topic=b%20c", el(7).eval("mercure.hubUrl('a', 'b c')"));
    }

    @Test
    void hubUrlWithAnElList() {
        assertEquals(HUB + "?match=a&match=b", el(8).eval("mercure.hubUrl(['a', 'b'])"));
    }

    @Test
    void hubUrlWithoutTopics() {
        assertEquals(HUB, el(8).eval("mercure.hubUrl()"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscriberTokenWithAPayloadMap() {
        String token = el(7).eval("mercure.subscriberToken(['a'], {'user': 'alice'})");
        Map<String, Object> mercure = (Map<String, Object>) Fixture.claims(token).get("mercure");
        assertEquals(List.of("a"), mercure.get("subscribe"));
        assertEquals(Map.of("user", "alice"), mercure.get("payload"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscriberTokenWithOneTopic() {
        String token = el(7).eval("mercure.subscriberToken('a')");
        assertEquals(List.of("a"), ((Map<String, Object>) Fixture.claims(token).get("mercure")).get("subscribe"));
    }

    @Test
    void authenticatedHubUrlInDraft07() {
        String url = el(7).eval("mercure.authenticatedHubUrl('a')");
        assertTrue(url.startsWith(HUB + "?topic=a&authorization=ey"), url);
    }
}
