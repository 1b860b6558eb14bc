package io.github.mercurejakarta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keeps docs/messages.md true: every message id in the code is documented, once, and none is used for two messages. */
class MessagesTest {

    /** An id opening a string literal: a logged message (javadoc mentions do not count). */
    private static final Pattern ID = Pattern.compile("\"(MERCURE\\d{4}[IWE])");

    @Test
    void everyMessageIdOfTheCodeIsInTheTableAndNoOtherIs() throws IOException {
        Set<String> inCode = new TreeSet<>(idsByFile().keySet());
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/messages.md"))) {
            Matcher m = Pattern.compile("^\\| `(MERCURE\\d{4}[IWE])` \\|").matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertEquals(inCode, documented, "docs/messages.md lists exactly the ids the code logs");
    }

    @Test
    void noIdIsSharedByTwoMessages() throws IOException {
        Map<String, Set<String>> texts = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : idsByFile().entrySet()) {
            if (e.getValue().size() > 1) {
                texts.put(e.getKey(), e.getValue());
            }
        }
        assertEquals(Map.of(), texts, "an id names one message: these appear with different texts");
    }

    /** id → the distinct message texts (the 40 characters after the id) it appears with in src/main/java. */
    private static Map<String, Set<String>> idsByFile() throws IOException {
        Map<String, Set<String>> ids = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(f);
                Matcher m = ID.matcher(source);
                while (m.find()) {
                    String text = source.substring(m.end(), Math.min(source.length(), m.end() + 40));
                    ids.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(text);
                }
            }
        }
        return ids;
    }
}
