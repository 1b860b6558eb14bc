package io.github.mercurejakarta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps docs/messages.md true: every message id in the code (the library's and the standalone hub's) is
 * documented, once, and none is used for two messages.
 */
class MessagesTest {

    /** An id opening a string literal: a logged message (javadoc mentions do not count). */
    private static final Pattern ID = Pattern.compile("\"(MERCURE\\d{4}[IWE])");
    private static final Pattern ROW = Pattern.compile("^\\| `(MERCURE\\d{4}[IWE])` \\|");
    /** The sources that log numbered messages: the library and the standalone hub share one table. */
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("server/src/main/java"));

    @Test
    void everyMessageIdOfTheCodeIsInTheTableAndNoOtherIs() throws IOException {
        Set<String> inCode = new TreeSet<>(idsInCode().keySet());
        assertEquals(inCode, new TreeSet<>(documented()), "docs/messages.md lists exactly the ids the code logs");
    }

    @Test
    void theTableListsEachIdOnce() throws IOException {
        List<String> rows = documented();
        List<String> repeated = new ArrayList<>(rows);
        new TreeSet<>(rows).forEach(repeated::remove);
        assertEquals(List.of(), repeated, "docs/messages.md has one row per id");
    }

    @Test
    void noIdIsSharedByTwoMessages() throws IOException {
        Map<String, Set<String>> texts = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : idsInCode().entrySet()) {
            if (e.getValue().size() > 1) {
                texts.put(e.getKey(), e.getValue());
            }
        }
        assertEquals(Map.of(), texts, "an id names one message: these appear with different texts");
    }

    @Test
    void noNumberIsUsedWithTwoSeverities() throws IOException {
        Set<String> ids = new TreeSet<>(idsInCode().keySet());
        ids.addAll(documented());
        Map<String, Set<String>> byNumber = new TreeMap<>();
        for (String id : ids) {
            byNumber.computeIfAbsent(id.substring(0, id.length() - 1), k -> new TreeSet<>()).add(id);
        }
        byNumber.values().removeIf(s -> s.size() == 1);
        assertEquals(Map.of(), byNumber, "a message number names one message, whatever its severity letter");
    }

    /** The ids of the table's rows, in order, repeats included. */
    private static List<String> documented() throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/messages.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(m.group(1));
            }
        }
        return rows;
    }

    /** id → the distinct message texts (the 40 characters after the id) it appears with in {@link #SOURCES}. */
    private static Map<String, Set<String>> idsInCode() throws IOException {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String source = Files.readString(f);
                    Matcher m = ID.matcher(source);
                    while (m.find()) {
                        String text = source.substring(m.end(), Math.min(source.length(), m.end() + 40));
                        ids.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(text);
                    }
                }
            }
        }
        return ids;
    }
}
