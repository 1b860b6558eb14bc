package io.github.mercurejakarta.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class ReservedTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://other/.well-known/mercure/subscriptions/x",
            "https://other/.well-known/%6Dercure/subscriptions/x",
            "https://other/.well-known/%6dercure",
            "https://h/a/../.well-known/mercure/x",
            "https://h/./.well-known/mercure",
            "/.well-known/mercure",
            "/.well-known/mercure/subscriptions",
            "http://app/ctx/.well-known/mercure/y",
            "https://h/app/.well-known/mercure/subscriptions/a/b?x=1",
            "https://h\\.well-known\\mercure\\subscriptions",
            "https://h/%2e%2e/.well-known/mercure",
            "mercure/subscriptions/x",
            "?x=1",
            "#f",
            "",
            "  ?x",
            "https://h/.well-known/mer\tcure",
            "https://h/.well-known/mer\ncure/x",
    })
    void theHubNamespaceIsReservedWhateverTheSpelling(String topic) {
        assertTrue(ReservedTopics.isReserved(topic), topic + " addresses the hub's namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com/books/1",
            "https://h/.well-known/mercurex",
            "https://h/.well-known/other/mercure",
            "https://h/books?topic=/.well-known/mercure",
            "https://h/books#/.well-known/mercure",
            "books",
            "urn:isbn:123",
            "a b {not a uri}",
            "https://h/.well-known/MERCURE",
            "x",
    })
    void ordinaryTopicsAreNotReserved(String topic) {
        assertFalse(ReservedTopics.isReserved(topic), topic);
    }
}
