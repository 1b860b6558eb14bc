package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.Mercure;
import io.github.mercurejakarta.Update;
import jakarta.el.ELProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The helpers as pages call them through Jakarta EL (Expressly 5.0): overloads resolve for a single
 * string, several strings, an EL list and no argument.
 */
class ExpressionLanguageTest {

    private static final String HUB = "http://localhost:9080/app/.well-known/mercure";

    /** A Mercure that only has the helpers, as {@code DefaultMercure} delegates them. */
    public static final class HelpersOnly implements Mercure {
        private final SubscriberAccess access;

        HelpersOnly(SubscriberAccess access) {
            this.access = access;
        }

        @Override
        public SubscriberAccess subscriberAccess() {
            return access;
        }

        @Override
        public String publish(Update update) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<String> publishAsync(Update update) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Update update(String topic, Object data) {
            throw new UnsupportedOperationException();
        }
    }

    private static ELProcessor el(Fixture fixture) {
        ELProcessor el = new ELProcessor();
        el.defineBean("mercure", new HelpersOnly(fixture.access()));
        return el;
    }

    @Test
    void hubUrlWithOneTopic() {
        assertEquals(HUB + "?match=https://example.com/books/1",
                el(Fixture.draft08()).eval("mercure.hubUrl('https://example.com/books/1')"));
    }

    @Test
    void hubUrlWithSeveralTopics() {
        assertEquals(HUB + "?topic=a&topic=b%20c", el(Fixture.draft07()).eval("mercure.hubUrl('a', 'b c')"));
    }

    @Test
    void hubUrlWithAnElList() {
        assertEquals(HUB + "?match=a&match=b", el(Fixture.draft08()).eval("mercure.hubUrl(['a', 'b'])"));
    }

    @Test
    void hubUrlWithoutTopics() {
        assertEquals(HUB, el(Fixture.draft08()).eval("mercure.hubUrl()"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscriberTokenWithAPayloadMap() {
        String token = el(Fixture.draft07()).eval("mercure.subscriberToken(['a'], {'user': 'alice'})");
        Map<String, Object> mercure = (Map<String, Object>) Fixture.claims(token).get("mercure");
        assertEquals(List.of("a"), mercure.get("subscribe"));
        assertEquals(Map.of("user", "alice"), mercure.get("payload"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscriberTokenWithOneTopic() {
        String token = el(Fixture.draft07()).eval("mercure.subscriberToken('a')");
        assertEquals(List.of("a"), ((Map<String, Object>) Fixture.claims(token).get("mercure")).get("subscribe"));
    }

    @Test
    void authenticatedHubUrlInDraft07() {
        String url = el(Fixture.draft07()).eval("mercure.authenticatedHubUrl('a')");
        assertTrue(url.startsWith(HUB + "?topic=a&authorization=ey"), url);
    }
}
