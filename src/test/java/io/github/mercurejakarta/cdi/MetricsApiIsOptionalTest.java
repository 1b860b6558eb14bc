package io.github.mercurejakarta.cdi;

import io.github.mercurejakarta.Mercure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MicroProfile Metrics API is optional: only the two classes loaded after a check that it is present
 * may name it, so the library deploys on a server without it.
 */
class MetricsApiIsOptionalTest {

    private static final Set<String> ALLOWED = Set.of("MicroProfileMetrics$Registration.class", "ApplicationMetricRegistry.class");

    @Test
    void noOtherClassReferencesTheMetricsApi() throws Exception {
        Path classes = Path.of(Mercure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "runs against target/classes: " + classes);
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !ALLOWED.contains(p.getFileName().toString()))
                    .filter(MetricsApiIsOptionalTest::mentionsMetricsApi)
                    .map(p -> classes.relativize(p).toString()).toList();
        }
        assertEquals(List.of(), offenders, "classes loaded without the API must not link org.eclipse.microprofile.metrics");
    }

    private static boolean mentionsMetricsApi(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/eclipse/microprofile/metrics");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
