package io.github.mercurejakarta.subscriber;

import io.github.mercurejakarta.Mercure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Servlet API is optional: only {@link ServletCookies}, which applications call themselves, and
 * {@code jaxrs.ServletPeerAddress$Lookup}, loaded only after a check that the API is present, may name it.
 */
class ServletIsOptionalTest {

    @Test
    void noOtherClassReferencesTheServletApi() throws Exception {
        Path classes = Path.of(Mercure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "runs against target/classes: " + classes);
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("ServletCookies.class"))
                    .filter(p -> !p.getFileName().toString().equals("ServletPeerAddress$Lookup.class"))
                    .filter(ServletIsOptionalTest::mentionsServlet)
                    .map(p -> classes.relativize(p).toString()).toList();
        }
        assertEquals(List.of(), offenders, "classes loaded without the application asking must not link jakarta.servlet");
    }

    private static boolean mentionsServlet(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("jakarta/servlet");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
