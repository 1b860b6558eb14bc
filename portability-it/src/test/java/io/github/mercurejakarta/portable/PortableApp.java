package io.github.mercurejakarta.portable;

import com.google.re2j.Pattern;
import io.github.mercurejakarta.auth.SigningKey;
import io.github.mercurejakarta.auth.TokenFactory;
import io.github.mercurejakarta.auth.TopicGrant;
import io.github.mercurejakarta.portable.app.BookChanged;
import io.github.mercurejakarta.portable.app.BookResource;
import io.github.mercurejakarta.portable.app.LoggingResource;
import io.github.mercurejakarta.portable.app.PortableApplication;
import io.github.mercurejakarta.portable.app.PresenceResource;
import io.github.mercurejakarta.portable.app.PublishResource;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.SseClient;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.JwtClaims;
import org.slf4j.LoggerFactory;
import org.slf4j.jul.JULServiceProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one test application every portable IT deploys, unchanged, on every server: {@code portable.war}
 * with the library in {@code WEB-INF/lib} (and its runtime jars: jose4j, slf4j-api, slf4j-jdk14, re2j), an empty
 * {@code @ApplicationPath("/")} application, a resource publishing with {@code @Inject Mercure}, a CDI
 * event with {@code @MercureTopic}, and this configuration:
 * HTTP publishing on with a publisher key, a subscriber key, anonymous subscribers allowed (public
 * updates only), keep-alive every second (closed streams are noticed fast on every server). A test that
 * needs other settings deploys the same app under another name ({@link #war(String, String...)}).
 *
 * <p>Also the client side the ITs share: the hub's URIs, token minting, publishing.
 */
public final class PortableApp {

    public static final String PUBLISHER_KEY = "portable-publisher-key-of-32-bytes-or-more";
    public static final String SUBSCRIBER_KEY = "portable-subscriber-key-of-32-bytes-or-more";
    public static final String ISSUER = "https://issuer.example";
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final TokenFactory TOKENS = new TokenFactory();

    /**
     * Servlet 6 containers refuse {@code %2F} in a request path unless the application opts in; the
     * subscriptions API puts topics (URLs) in one path segment. Open Liberty reads this context parameter.
     */
    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>SKIP_ENCODED_CHAR_VERIFICATION</param-name>
                <param-value>true</param-value>
              </context-param>
            </web-app>
            """;

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    /** What every deployment of the app is configured with. */
    private static final String BASE_CONFIG = String.join("\n",
            "mercure.hub.allow.publish=true",
            "mercure.publisher.secret.key=" + PUBLISHER_KEY,
            "mercure.subscriber.secret.key=" + SUBSCRIBER_KEY,
            "mercure.hub.issuer=" + ISSUER,
            "");

    private final URI base;

    private PortableApp(URI base) {
        this.base = base;
    }

    /** @return the client side of the app deployed at {@code base} (Arquillian's {@code @ArquillianResource URL}). */
    public static PortableApp at(URL base) {
        try {
            return new PortableApp(base.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(base.toString(), e);
        }
    }

    /** @return {@code portable.war}: the same bytes for every server. */
    public static WebArchive war() {
        return war("portable", "mercure.hub.keepalive.interval=1");
    }

    /**
     * @param name         the war's name (and context root)
     * @param configLines  {@code key=value} lines added to the base configuration
     * @return the app with the base configuration and {@code configLines}
     */
    public static WebArchive war(String name, String... configLines) {
        String config = BASE_CONFIG + String.join("\n", configLines) + "\n";
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(PortableApplication.class, PublishResource.class, BookChanged.class, BookResource.class,
                        PresenceResource.class, LoggingResource.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsWebInfResource(new StringAsset(WEB_XML.strip()), "web.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsLibrary(library())
                .addAsLibraries(jarOf(JwtClaims.class), jarOf(LoggerFactory.class), jarOf(JULServiceProvider.class),
                        jarOf(Pattern.class));
    }

    /** The library as Maven put it on the test classpath: its jar, or its classes directory packed as one. */
    private static JavaArchive library() {
        Path location = codeSource(Dialect.class);
        if (Files.isDirectory(location)) {
            return ShrinkWrap.create(ExplodedImporter.class, "mercure-jakarta.jar")
                    .importDirectory(location.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.create(JavaArchive.class, "mercure-jakarta.jar")
                .merge(ShrinkWrap.createFromZipFile(JavaArchive.class, location.toFile()));
    }

    private static File jarOf(Class<?> type) {
        Path path = codeSource(type);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(type.getName() + " does not come from a jar: " + path);
        }
        return path.toFile();
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the code source of " + type.getName(), e);
        }
    }

    /** @return the hub's URL, {@code <base>.well-known/mercure}. */
    public URI hub() {
        return base.resolve(".well-known/mercure");
    }

    /** @return the hub's path as mounted (the war's context root, {@code /portable}, included). */
    public String hubPath() {
        return hub().getRawPath();
    }

    /** @return the hub URL with the query built from name/value pairs, each value form-encoded. */
    public URI hub(String... params) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            q.append(q.length() == 0 ? "?" : "&").append(params[i]).append('=').append(enc(params[i + 1]));
        }
        return URI.create(hub() + q.toString());
    }

    /** @return {@code path} (no leading slash) resolved against the application's root. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** @return an absolute {@code path} (raw, as sent) on the server. */
    public URI path(String rawPath) {
        return base.resolve(rawPath);
    }

    /** Publishes through the application ({@code @Inject Mercure}); @return the update's id. */
    public String publish(String topic, String data, String... moreFields) {
        Form form = Form.of("topic", topic, "data", data);
        for (int i = 0; i < moreFields.length; i += 2) {
            form.add(moreFields[i], moreFields[i + 1]);
        }
        HttpResponse<String> r = HttpCalls.postForm(uri("app/publish"), form);
        assertEquals(200, r.statusCode(), "the application's publish endpoint answered: " + r.body());
        return r.body();
    }

    /** Publishes a private update through the application; @return its id. */
    public String publishPrivate(String topic, String data) {
        return publish(topic, data, "private", "true");
    }

    /** Opens a stream and waits until the hub answered 200: the subscription is registered by then. */
    public static SseClient open(SseClient.Builder builder) {
        SseClient sse = builder.open();
        assertEquals(200, sse.status(), "the hub accepted the subscription: " + sse.describe());
        return sse;
    }

    /** @return a draft-07 publisher token for {@code *}. */
    public static String publisherToken07() {
        return TOKENS.draft07(SigningKey.hmac(PUBLISHER_KEY), List.of("*"), null, null, Duration.ofMinutes(10));
    }

    /** @return a draft-07 subscriber token granting {@code topics} (selectors). */
    public static String subscriberToken07(String... topics) {
        return TOKENS.draft07(SigningKey.hmac(SUBSCRIBER_KEY), null, List.of(topics), null, Duration.ofMinutes(10));
    }

    /** @return a draft-08 access token granting subscribe on exactly {@code topics}, for this hub as audience. */
    public String subscriberToken08(String... topics) {
        return TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), ISSUER, hub().toString(), "portable-it", List.of(),
                Arrays.stream(topics).map(TopicGrant::exact).toList(), null, Duration.ofMinutes(10));
    }

    /** @return a draft-08 access token granting subscribe on one URL Pattern. */
    public String subscriberToken08Pattern(String pattern) {
        return TOKENS.draft08(SigningKey.hmac(SUBSCRIBER_KEY), ISSUER, hub().toString(), "portable-it", List.of(),
                List.of(TopicGrant.urlPattern(pattern)), null, Duration.ofMinutes(10));
    }

    /** @return a topic no other test uses. */
    public static String topic(String kind) {
        return "https://example.com/" + kind + "/" + UUID.randomUUID();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** @return the server under test ({@code wildfly}, {@code payara}, {@code liberty}), for messages. */
    public static String server() {
        return System.getProperty("portability.server", "unknown");
    }
}
