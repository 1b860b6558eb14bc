package io.github.mercurejakarta.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    /** Every text field, so the shared character rule is tested once per field. */
    static Stream<Arguments> textFields() {
        return Stream.of(
                Arguments.of("topic", (Consumer<String>) FieldRules::checkTopic),
                Arguments.of("topic selector", (Consumer<String>) s -> FieldRules.checkSelector(s, 1000)),
                Arguments.of("id", (Consumer<String>) FieldRules::checkId),
                Arguments.of("type", (Consumer<String>) FieldRules::checkType));
    }

    static Stream<Arguments> forbiddenCharacters() {
        String[] forbidden = {
                "\u0000", "\t", "\n", "\r", "\u001F", // C0
                "\u007F",                              // DEL
                "\u0080", "\u0085", "\u009F",          // C1 (U+0085 is NEL, a line break to some)
                "\u00AD", "\u200B", "\u200E", "\u2066", "\uFEFF", // Cf: soft hyphen, ZWSP, LRM, LRI, BOM
                "\uDB40\uDC01",                        // Cf outside the BMP: U+E0001 LANGUAGE TAG
                "\uD800", "\uDC00", "\uDC00\uD800",    // unpaired / reversed surrogates
        };
        return textFields().flatMap(field -> Stream.of(forbidden)
                .map(c -> Arguments.of(field.get()[0], field.get()[1], c)));
    }

    @ParameterizedTest(name = "{0} rejects {2}")
    @MethodSource("forbiddenCharacters")
    void sharedCharacterRuleRejects(String field, Consumer<String> check, String character) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> check.accept("a" + character + "b"));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("at index 1"), e.getMessage());
    }

    static Stream<Arguments> allowedCharacters() {
        String[] allowed = {
                "\u2028", "\u2029",          // line/paragraph separators: categories Zl/Zp, not Cf
                "\u00A0", "é", "日本",         // no-break space, accented letter, CJK
                "😀", "🇫🇷",                   // emoji: surrogate pairs, regional indicators (So)
                " ", "%2F", "{id}", "#",     // ordinary ASCII
        };
        return textFields().flatMap(field -> Stream.of(allowed)
                .map(c -> Arguments.of(field.get()[0], field.get()[1], c)));
    }

    @ParameterizedTest(name = "{0} allows {2}")
    @MethodSource("allowedCharacters")
    void sharedCharacterRuleAllows(String field, Consumer<String> check, String character) {
        assertDoesNotThrow(() -> check.accept("a" + character + "b"));
    }

    @Test
    void zeroWidthJoinerInsideEmojiSequencesIsFormatCharacter() {
        // a documented consequence of the Cf rule: ZWJ emoji sequences are refused
        assertEquals(Character.FORMAT, Character.getType(0x200D));
        assertThrows(InvalidFieldException.class, () -> FieldRules.checkTopic("https://example.com/👩‍💻"));
    }

    @ParameterizedTest
    @MethodSource("textFields")
    void emptyAndNullAreRejected(String field, Consumer<String> check) {
        assertEquals(field + ": must not be empty",
                assertThrows(InvalidFieldException.class, () -> check.accept("")).getMessage());
        assertThrows(InvalidFieldException.class, () -> check.accept(null));
    }

    @Test
    void topic() {
        assertDoesNotThrow(() -> FieldRules.checkTopic("https://example.com/books/1"));
        assertDoesNotThrow(() -> FieldRules.checkTopic("urn:isbn:0-486-27557-4"));
        assertDoesNotThrow(() -> FieldRules.checkTopic("**"));
        assertEquals("topic: must not be \"*\"",
                assertThrows(InvalidFieldException.class, () -> FieldRules.checkTopic("*")).getMessage());
    }

    @Test
    void selector() {
        assertDoesNotThrow(() -> FieldRules.checkSelector("*", 10));
        assertDoesNotThrow(() -> FieldRules.checkSelector("https://example.com/{id}", 100));
        assertDoesNotThrow(() -> FieldRules.checkSelector("x".repeat(10), 10));
        assertEquals("topic selector: longer than 10 characters",
                assertThrows(InvalidFieldException.class, () -> FieldRules.checkSelector("x".repeat(11), 10)).getMessage());
    }

    @Test
    void id() {
        assertDoesNotThrow(() -> FieldRules.checkId("urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb"));
        assertDoesNotThrow(() -> FieldRules.checkId("a#b"));
        assertDoesNotThrow(() -> FieldRules.checkId("Earliest"));
        assertDoesNotThrow(() -> FieldRules.checkId("earliest2"));
        assertThrows(InvalidFieldException.class, () -> FieldRules.checkId("#1"));
        assertThrows(InvalidFieldException.class, () -> FieldRules.checkId("#"));
        assertEquals("id: must not be \"earliest\"",
                assertThrows(InvalidFieldException.class, () -> FieldRules.checkId("earliest")).getMessage());
    }

    @Test
    void type() {
        assertDoesNotThrow(() -> FieldRules.checkType("book-updated"));
        assertDoesNotThrow(() -> FieldRules.checkType("Mercure"));
        assertDoesNotThrow(() -> FieldRules.checkType("mercure.ping"));
        assertEquals("type: \"mercure\" is reserved",
                assertThrows(InvalidFieldException.class, () -> FieldRules.checkType("mercure")).getMessage());
        assertThrows(InvalidFieldException.class, () -> FieldRules.checkType("a\r\nb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "5000", "007", "9223372036854775807"})
    void retryAccepted(String retry) {
        assertEquals(Long.parseLong(retry), FieldRules.parseRetry(retry));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", " 1", "1 ", "1.5", "1e3", "0x10", "١٢٣", "１２", "9223372036854775808",
            "99999999999999999999999"})
    void retryRejected(String retry) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> FieldRules.parseRetry(retry));
        assertEquals("retry", e.field());
    }
}
