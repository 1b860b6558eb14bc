package io.github.mercurejakarta.it;

import io.github.mercurejakarta.it.app.AppUserPayload;
import io.github.mercurejakarta.it.app.DiscoveredBookResource;
import io.github.mercurejakarta.it.app.DiscoveredFeedResource;
import io.github.mercurejakarta.it.app.HelpersResource;
import io.github.mercurejakarta.it.app.PublishResource;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The subscriber helpers on the embedded hub in its default dialect (draft-08): a page's hub URL, token
 * and cookie are exactly what a browser needs to receive private updates; discovery links; EL through CDI.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HelpersIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SUBSCRIBER_KEY = "subscriber-key-for-the-helpers-tests!!";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.war("helpers")
                .config("mercure.subscriber.secret.key", SUBSCRIBER_KEY)
                .config("mercure.hub.keepalive.interval", "1")
                .classes(HelpersResource.class, PublishResource.class, PublishResource.Book.class, AppUserPayload.class,
                        DiscoveredBookResource.class, DiscoveredFeedResource.class)
                .build();
    }

    @ArquillianResource
    URL base;

    static String topic() {
        return "https://example.com/private/" + UUID.randomUUID() + "?q=a b&c";
    }

    static URI uri(URL base, String path, String... params) throws Exception {
        StringBuilder s = new StringBuilder(base.toURI().resolve(path).toString());
        for (int i = 0; i < params.length; i += 2) {
            s.append(i == 0 ? '?' : '&').append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(s.toString());
    }

    static String get(URL base, String path, String... params) throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri(base, path, params));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    static SseClient subscribe(SseClient.Builder b) {
        SseClient sse = b.open();
        assertEquals(200, sse.status(), sse.describe());
        return sse;
    }

    static void publishPrivately(URL base, String topic, String data) throws Exception {
        HttpResponse<String> r = HttpCalls.postForm(base.toURI().resolve("app/publish-update"),
                Form.of("topic", topic, "data", data, "private", "true"));
        assertEquals(200, r.statusCode(), r.body());
    }

    /** @return {name, value} of the Set-Cookie header */
    static String[] cookie(HttpResponse<?> r) {
        String header = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("a Set-Cookie header"));
        String pair = header.substring(0, header.indexOf(';'));
        return new String[] {pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)};
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String token) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static String links(HttpResponse<?> r) {
        return String.join(", ", r.headers().allValues("Link"));
    }

    @Test
    void hubUrlIsTheRequestsOwnHubWithMatchParameters() throws Exception {
        assertEquals(base + ".well-known/mercure?match=https://example.com/books/1&match=a%20b%26c",
                get(base, "helpers/hub-url", "topic", "https://example.com/books/1", "topic", "a b&c"));
    }

    @Test
    void theHubUrlAndTokenOfAPageReceiveAPrivateUpdate() throws Exception {
        String topic = topic();
        String hubUrl = get(base, "helpers/hub-url", "topic", topic);
        String token = get(base, "helpers/token", "topic", topic);
        try (SseClient sse = subscribe(SseClient.to(URI.create(hubUrl)).authorization(token))) {
            publishPrivately(base, topic, "for the token holder");
            assertEquals("for the token holder", sse.next(WAIT).data(), "the helpers' URL and token receive the private update");
        }
    }

    @Test
    void theCookieOfAPageReceivesAPrivateUpdate() throws Exception {
        String topic = topic();
        HttpResponse<String> page = HttpCalls.get(uri(base, "helpers/cookie", "topic", topic));
        assertEquals(200, page.statusCode(), page.body());
        String[] cookie = cookie(page);
        assertEquals("__Secure-mercure_access_token", cookie[0], "draft-08's cookie name");
        try (SseClient sse = subscribe(SseClient.to(URI.create(page.body())).cookie(cookie[0], cookie[1]))) {
            publishPrivately(base, topic, "for the cookie holder");
            assertEquals("for the cookie holder", sse.next(WAIT).data(), "the helpers' cookie receives the private update");
        }
    }

    @Test
    void theCookieCarriesTheSpecsAttributes() throws Exception {
        HttpResponse<String> page = HttpCalls.get(uri(base, "helpers/cookie"));
        String header = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.matches("__Secure-mercure_access_token=[A-Za-z0-9_.-]+; Max-Age=3600; Path=/helpers/\\.well-known/mercure;"
                + " Secure; HttpOnly; SameSite=Strict"), "Path of the hub, no Domain on 127.0.0.1, Secure for the prefix: " + header);
    }

    @Test
    void newCookieKeepsHttpOnlySecureAndPath() throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri(base, "helpers/new-cookie"));
        String header = r.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase(java.util.Locale.ROOT);
        assertTrue(header.contains("httponly") && header.contains("secure") && header.contains("path=/helpers/.well-known/mercure"),
                "the server's NewCookie serialisation keeps the essentials: " + header);
    }

    @Test
    void logoutClearsTheCookie() throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri(base, "helpers/logout"));
        assertEquals(204, r.statusCode());
        assertEquals("__Secure-mercure_access_token=; Max-Age=0; Path=/helpers/.well-known/mercure; Secure; HttpOnly; SameSite=Strict",
                r.headers().firstValue("Set-Cookie").orElse(null));
    }

    @Test
    void discoveryLinksOnAnAnnotatedClass() throws Exception {
        HttpResponse<String> r = HttpCalls.get(uri(base, "books/1"));
        assertEquals(200, r.statusCode());
        String links = links(r);
        assertTrue(links.contains("<" + base + ".well-known/mercure>; rel=\"mercure\""), links);
        assertTrue(links.contains("<" + base + "books/1>; rel=\"self\""), links);
    }

    @Test
    void noDiscoveryLinksOnPreflights() throws Exception {
        HttpResponse<String> r = HttpCalls.send(HttpRequest.newBuilder(uri(base, "books/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET"));
        assertEquals(204, r.statusCode());
        assertFalse(links(r).contains("rel=\"mercure\""), "a preflight gets no discovery link: " + links(r));
    }

    @Test
    void discoveryLinkOnAnAnnotatedMethodOnly() throws Exception {
        HttpResponse<String> annotated = HttpCalls.get(uri(base, "feed"));
        assertEquals("<" + base + ".well-known/mercure>; rel=\"mercure\"", links(annotated), "rel=mercure and no self");
        HttpResponse<String> plain = HttpCalls.get(uri(base, "feed/plain"));
        assertEquals("", links(plain), "no link on a method without the annotation");
    }

    @Test
    void elResolvesTheBeanNamedMercure() throws Exception {
        assertEquals(base + ".well-known/mercure?match=https://example.com/books/1",
                get(base, "helpers/el", "expression", "mercure.hubUrl('https://example.com/books/1')"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void elTokensCarryThePayloadOfTheApplicationsHook() throws Exception {
        String token = get(base, "helpers/el", "expression", "mercure.subscriberToken('https://example.com/books/1')");
        Map<String, Object> claims = claims(token);
        assertEquals(base + ".well-known/mercure", claims.get("aud"), "the audience is the browsers' hub URL");
        Map<String, Object> detail = ((List<Map<String, Object>>) claims.get("authorization_details")).get(0);
        assertEquals(Map.of("app", "helpers-it", "topics", 1L), detail.get("payload"), "the SubscriberPayload bean's payload");
    }
}
