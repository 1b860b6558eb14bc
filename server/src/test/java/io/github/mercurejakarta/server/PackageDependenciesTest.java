package io.github.mercurejakarta.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's packages depend one way: {@code cli} → {@code netty} | {@code jaxrs} → this package (what both
 * front ends share). Read from the sources' imports and fully qualified names.
 */
class PackageDependenciesTest {

    private static final Path ROOT = Path.of("src/main/java/io/github/mercurejakarta/server");
    private static final Pattern USE = Pattern.compile("io\\.github\\.mercurejakarta\\.server\\.(cli|netty|jaxrs)\\b");

    /** Which of the subpackages each package may name. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "server", Set.of(),
            "netty", Set.of("netty"),
            "jaxrs", Set.of("jaxrs"),
            "cli", Set.of("cli", "netty", "jaxrs"));

    @Test
    void packagesDependOneWay() throws IOException {
        Set<String> violations = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path relative = ROOT.relativize(f);
                String from = relative.getNameCount() == 1 ? "server" : relative.getName(0).toString();
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!ALLOWED.get(from).contains(m.group(1))) {
                        violations.add(relative + " uses server." + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), violations, "cli -> netty | jaxrs -> server, never back and never across");
    }
}
