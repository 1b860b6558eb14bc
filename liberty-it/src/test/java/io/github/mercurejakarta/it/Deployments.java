package io.github.mercurejakarta.it;

import com.google.re2j.Pattern;
import io.github.mercurejakarta.it.app.TestApplication;
import io.github.mercurejakarta.protocol.Dialect;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.JwtClaims;
import org.slf4j.LoggerFactory;
import org.slf4j.jul.JULServiceProvider;

/**
 * Builds the wars that the ITs deploy: the library (as {@code WEB-INF/lib/mercure-jakarta.jar}) with its
 * runtime jars, the {@code @ApplicationPath("/")} {@link TestApplication}, the test's own classes and a
 * {@code META-INF/microprofile-config.properties} holding the test's {@code mercure.*} settings.
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive app() {
 *     return Deployments.war("hub-draft08")
 *             .config("mercure.dialect", "8")
 *             .config("mercure.heartbeat", "PT0.5S")
 *             .classes(MyTestResource.class)
 *             .build();
 * }
 * }</pre>
 *
 * The library is whatever Maven put on the test classpath: the reactor's jar after {@code package}, or
 * its {@code target/classes} directory otherwise (IDE, {@code mvn test-compile}); a directory is packed
 * into a jar with its {@code META-INF/beans.xml} and {@code META-INF/services}. Third-party runtime jars
 * are located from a class they contain: keep {@link #RUNTIME_LIBRARY_CLASSES} in step with the
 * library's compile/runtime dependencies.
 */
public final class Deployments {

    /** One class from each runtime jar the library needs inside the war. */
    public static final List<Class<?>> RUNTIME_LIBRARY_CLASSES = List.of(
            JwtClaims.class,      // org.bitbucket.b_c:jose4j
            LoggerFactory.class,  // org.slf4j:slf4j-api (jose4j needs it at run time)
            JULServiceProvider.class, // org.slf4j:slf4j-jdk14 (its provider: no "No SLF4J providers" warning)
            Pattern.class);       // com.google.re2j:re2j

    public static final String LIBRARY_JAR_NAME = "mercure-jakarta.jar";

    private Deployments() {
    }

    /** @return a builder for {@code <name>.war} (the name is also its context root on Liberty). */
    public static Builder war(String name) {
        return new Builder(name);
    }

    /** What goes into one war. */
    public static final class Builder {
        private final String name;
        private final List<Class<?>> classes = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, Asset> resources = new LinkedHashMap<>();
        private final List<Class<?>> jarsOf = new ArrayList<>();
        private boolean library = true;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds test classes (resources, beans) to {@code WEB-INF/classes}. */
        public Builder classes(Class<?>... add) {
            classes.addAll(List.of(add));
            return this;
        }

        /** Sets one MicroProfile Config property of this deployment. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Sets several MicroProfile Config properties of this deployment. */
        public Builder config(Map<String, String> entries) {
            config.putAll(entries);
            return this;
        }

        /** Adds a resource under {@code WEB-INF/classes/} (e.g. {@code "META-INF/services/..."}). */
        public Builder resource(String path, String content) {
            resources.put(path, new StringAsset(content));
            return this;
        }

        /**
         * Adds to {@code WEB-INF/lib} the jar each type was loaded from (a classes directory is packed
         * into a jar), e.g. {@code jarsOf(SseClient.class)} for in-container tests using test-support.
         */
        public Builder jarsOf(Class<?>... types) {
            jarsOf.addAll(List.of(types));
            return this;
        }

        /** Leaves the library and its runtime jars out (for tests of the harness itself). */
        public Builder withoutLibrary() {
            library = false;
            return this;
        }

        public WebArchive build() {
            WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                    .addClass(TestApplication.class)
                    .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                    .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
            classes.forEach(war::addClass);
            resources.forEach((path, asset) -> war.addAsResource(asset, path));
            for (Class<?> type : jarsOf) {
                Path location = codeSource(type);
                if (Files.isDirectory(location)) {
                    war.addAsLibrary(ShrinkWrap.create(ExplodedImporter.class, type.getSimpleName() + "-classes.jar")
                            .importDirectory(location.toFile()).as(JavaArchive.class));
                } else {
                    war.addAsLibrary(location.toFile());
                }
            }
            if (library) {
                war.addAsLibrary(libraryJar());
                war.addAsLibraries(runtimeJars().toArray(File[]::new));
            }
            return war;
        }
    }

    /** @return the library under test as a jar, checked to be a bean archive. */
    public static JavaArchive libraryJar() {
        return libraryJar(codeSource(Dialect.class));
    }

    /** @return the jar file or classes directory at {@code location} as a jar named {@value #LIBRARY_JAR_NAME}. */
    public static JavaArchive libraryJar(Path location) {
        JavaArchive jar;
        if (Files.isDirectory(location)) {
            jar = ShrinkWrap.create(ExplodedImporter.class, LIBRARY_JAR_NAME)
                    .importDirectory(location.toFile())
                    .as(JavaArchive.class);
        } else {
            jar = ShrinkWrap.createFromZipFile(JavaArchive.class, location.toFile());
            jar = ShrinkWrap.create(JavaArchive.class, LIBRARY_JAR_NAME).merge(jar);
        }
        if (!jar.contains("META-INF/beans.xml")) {
            throw new IllegalStateException("the library at " + location + " has no META-INF/beans.xml, so CDI"
                    + " would not scan it (src/main/resources/META-INF/beans.xml of the library)");
        }
        return jar;
    }

    /** @return the third-party jars the library needs at run time. */
    public static List<File> runtimeJars() {
        List<File> jars = new ArrayList<>();
        for (Class<?> c : RUNTIME_LIBRARY_CLASSES) {
            Path path = codeSource(c);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(c.getName() + " does not come from a jar: " + path);
            }
            jars.add(path.toFile());
        }
        return jars;
    }

    /** @return the jar file or classes directory {@code type} was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the code source of " + type.getName(), e);
        }
    }

    private static String properties(Map<String, String> config) {
        Properties p = new Properties();
        p.putAll(config);
        StringWriter out = new StringWriter();
        try {
            p.store(out, "test deployment config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;
}
