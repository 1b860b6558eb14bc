package io.github.mercurejakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.testsupport.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit test (surefire) of the war layout, without Liberty. */
class DeploymentsTest {

    @Test
    void warHoldsLibraryRuntimeJarsAppAndConfig() {
        WebArchive war = Deployments.war("x").config("mercure.a", "b c").build();
        String listing = war.toString(true);
        assertTrue(war.contains("WEB-INF/lib/" + Deployments.LIBRARY_JAR_NAME), listing);
        assertTrue(listing.matches("(?s).*WEB-INF/lib/jose4j-[^/]*\\.jar.*"), listing);
        assertTrue(listing.matches("(?s).*WEB-INF/lib/slf4j-api-[^/]*\\.jar.*"), listing);
        assertTrue(listing.matches("(?s).*WEB-INF/lib/slf4j-jdk14-[^/]*\\.jar.*"), listing);
        assertTrue(listing.matches("(?s).*WEB-INF/lib/re2j-[^/]*\\.jar.*"), listing);
        assertTrue(war.contains("WEB-INF/beans.xml"), listing);
        assertTrue(war.contains("WEB-INF/classes/io/github/mercurejakarta/it/app/TestApplication.class"), listing);
        String props = new String(readAll(war, "WEB-INF/classes/META-INF/microprofile-config.properties"));
        assertTrue(props.contains("mercure.a=b c"), props);

        WebArchive withSupport = Deployments.war("y").jarsOf(SseClient.class).withoutLibrary().build();
        assertTrue(withSupport.toString(true).matches("(?s).*WEB-INF/lib/[^/]*\\.jar.*"), withSupport.toString(true));
        assertTrue(!withSupport.contains("WEB-INF/lib/" + Deployments.LIBRARY_JAR_NAME), withSupport.toString(true));

        JavaArchive lib = Deployments.libraryJar();
        assertTrue(lib.contains("META-INF/beans.xml"));
        assertTrue(lib.contains("io/github/mercurejakarta/protocol/Dialect.class"));
    }

    @Test
    void libraryFromClassesDirectoryOrJarKeepsBeansXmlAndServices(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("classes");
        Files.createDirectories(dir.resolve("META-INF/services"));
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("META-INF/beans.xml"), "<beans/>");
        Files.writeString(dir.resolve("META-INF/services/jakarta.enterprise.inject.spi.Extension"), "a.b.Ext\n");
        Files.write(dir.resolve("a/b/Ext.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Path jarFile = tmp.resolve("lib.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jarFile))) {
            for (String entry : List.of("META-INF/beans.xml", "META-INF/services/jakarta.enterprise.inject.spi.Extension",
                    "a/b/Ext.class")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry));
                zip.write(Files.readAllBytes(dir.resolve(entry)));
                zip.closeEntry();
            }
        }
        for (Path location : List.of(dir, jarFile)) {
            JavaArchive lib = Deployments.libraryJar(location);
            assertEquals(Deployments.LIBRARY_JAR_NAME, lib.getName());
            assertTrue(lib.contains("META-INF/beans.xml"), lib.toString(true));
            assertTrue(lib.contains("META-INF/services/jakarta.enterprise.inject.spi.Extension"), lib.toString(true));
            assertTrue(lib.contains("a/b/Ext.class"), lib.toString(true));
        }
        Files.delete(dir.resolve("META-INF/beans.xml"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Deployments.libraryJar(dir));
        assertTrue(e.getMessage().contains("beans.xml"), e.getMessage());
    }

    private static byte[] readAll(WebArchive war, String path) {
        try (var in = war.get(path).getAsset().openStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
