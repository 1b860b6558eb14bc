package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.http.FormData;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.HubDialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The hub URL for browsers: which base, which parameter, and encoding that survives the hub's parser. */
class HubUrlTest {

    private static final String BOOK = "https://example.com/books/1";

    @Test
    void draft08UsesMatchOnTheRequestsOwnHub() {
        assertEquals("http://localhost:9080/app/.well-known/mercure?match=https://example.com/books/1",
                Fixture.draft08().access().hubUrl(List.of(BOOK)));
    }

    @Test
    void draft07UsesTopic() {
        assertEquals("http://localhost:9080/app/.well-known/mercure?topic=https://example.com/books/1&topic=*",
                Fixture.draft07().access().hubUrl(List.of(BOOK, "*")));
    }

    @Test
    void noTopicsGiveTheBareHubUrl() {
        assertEquals("http://localhost:9080/app/.well-known/mercure", Fixture.draft08().access().hubUrl(List.of()));
        assertEquals("http://localhost:9080/app/.well-known/mercure", Fixture.draft08().access().hubUrl());
    }

    @Test
    void aBaseWithoutTrailingSlashStillGetsOne() {
        assertEquals("https://app.example/.well-known/mercure",
                Fixture.draft08().request("https://app.example").access().hubUrl());
    }

    @Test
    void reservedCharactersArePercentEncoded() {
        String url = Fixture.draft08().access().hubUrl(List.of("a b&c=d+e;f%g#h'\"<>\\é{id}"));
        assertEquals("http://localhost:9080/app/.well-known/mercure?match="
                + "a%20b%26c%3Dd%2Be%3Bf%25g%23h%27%22%3C%3E%5C%C3%A9%7Bid%7D", url);
    }

    @Test
    void theHubsParserGivesEveryTopicBackUnchanged() {
        List<String> topics = List.of("a b", "x&y=z", "1+1", "semi;colon", "100%", "frag#ment", "/relative?q=1",
                "https://example.com/books/{id}", "ünïcødé ✓", "*");
        String url = Fixture.draft07().access().hubUrl(topics);
        assertEquals(topics, FormData.parse(url.substring(url.indexOf('?') + 1)).all("topic"),
                "the WHATWG urlencoded parser of the hub decodes exactly the topics given");
    }

    @Test
    void thePublicHubUrlWinsOverTheInternalOne() {
        String url = Fixture.draft07().set("mercure.hub.url", "http://mercure:5500/.well-known/mercure")
                .set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure").access().hubUrl(List.of("t"));
        assertEquals("https://hub.example.com/.well-known/mercure?topic=t", url);
    }

    @Test
    void theInternalHubUrlServesWhenNoPublicOneIsSet() {
        String url = Fixture.draft07().set("mercure.hub.url", "https://hub.example.com/.well-known/mercure")
                .access().hubUrl(List.of("t"));
        assertEquals("https://hub.example.com/.well-known/mercure?topic=t", url);
    }

    @Test
    void aConfiguredQueryIsContinuedWithAnAmpersand() {
        String url = Fixture.draft08().set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure?tenant=a")
                .access().hubUrl(List.of("t"));
        assertEquals("https://hub.example.com/.well-known/mercure?tenant=a&match=t", url);
    }

    @Test
    void hubUrlTrueTakesTheRequestsUrl() {
        String url = Fixture.draft07().set("mercure.hub.url", "true").access().hubUrl(List.of("t"));
        assertEquals("http://localhost:9080/app/.well-known/mercure?topic=t", url);
    }

    @Test
    void publicHubUrlTrueTakesTheRequestsUrlEvenWithAnExternalHub() {
        String url = Fixture.draft07().set("mercure.hub.url", "http://mercure:5500/.well-known/mercure")
                .set("mercure.public.hub.url", "true").access().hubUrl(List.of("t"));
        assertEquals("http://localhost:9080/app/.well-known/mercure?topic=t", url);
    }

    @Test
    void outsideARequestWithoutAConfiguredUrlTheErrorNamesTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Fixture.draft08().request(null).access().hubUrl(List.of("t")));
        assertTrue(e.getMessage().contains("mercure.public.hub.url"), e.getMessage());
    }

    @Test
    void outsideARequestAConfiguredUrlServes() {
        assertEquals("https://hub.example.com/.well-known/mercure?match=t", Fixture.draft08().request(null)
                .set("mercure.public.hub.url", "https://hub.example.com/.well-known/mercure").access().hubUrl(List.of("t")));
    }

    @Test
    void aNullTopicIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Fixture.draft08().access().hubUrl(java.util.Arrays.asList("a", null)));
    }

    @Test
    void autoIsDraft08ForTheEmbeddedHub() {
        assertEquals(Dialect.DRAFT_08, HubDialect.configured(MercureConfig.of(java.util.Map.of())).dialect());
    }

    @Test
    void autoIsDraft07ForAnExternalHubUntilItIsProbed() {
        assertEquals(Dialect.DRAFT_07, HubDialect.configured(MercureConfig.of(
                java.util.Map.of("mercure.hub.url", "https://hub.example.com/.well-known/mercure"))).dialect());
    }

    @Test
    void anExplicitVersionWinsOverAuto() {
        assertEquals(Dialect.DRAFT_07, HubDialect.configured(MercureConfig.of(
                java.util.Map.of("mercure.protocol.version", "7"))).dialect());
        assertEquals(Dialect.DRAFT_08, HubDialect.configured(MercureConfig.of(java.util.Map.of(
                "mercure.protocol.version", "8", "mercure.hub.url", "https://hub.example.com/.well-known/mercure"))).dialect());
    }
}
