package io.github.mercurejakarta.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Keeps the README's configuration table true: one row per key, with its variable and default. */
class ReadmeTest {

    @Test
    void everyConfigurationKeyHasAReadmeRowWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (MercureConfig.Key k : MercureConfig.Key.values()) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + k.key() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for " + k.key()));
            assertTrue(row.contains("`" + k.environmentVariable() + "`"), row);
            String def = k.defaultValue() == null ? "—" : "`" + k.defaultValue() + "`";
            assertTrue(row.contains("| " + def + " |"), "default of " + k.key() + " in: " + row);
        }
    }
}
