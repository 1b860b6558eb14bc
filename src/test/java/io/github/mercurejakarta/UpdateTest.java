package io.github.mercurejakarta;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Update} is a value: equal when every field is, whatever instance or builder made it. */
class UpdateTest {

    private static Update full() {
        return Update.builder().topics("https://example.com/books/1", "https://example.com/users/42/books")
                .data("{\"title\":\"Dune\"}").privateUpdate(true).id("urn:uuid:1").type("book-updated").retry(5000L).build();
    }

    @Test
    void updatesWithTheSameFieldsAreEqualAndHashAlike() {
        assertEquals(full(), full(), "two builds of the same fields are equal");
        assertEquals(full().hashCode(), full().hashCode(), "equal updates have one hash code");
        assertEquals(full(), full().toBuilder().build(), "a copy is equal");
        assertEquals(1, Set.of(full()).size());
        assertTrue(Set.of(full()).contains(full()), "a set finds an equal update");
    }

    @Test
    void everyFieldTakesPartInEquality() {
        Update u = full();
        assertNotEquals(u, u.toBuilder().topic("https://example.com/more").build(), "topics");
        assertNotEquals(u, Update.builder().topics("https://example.com/users/42/books", "https://example.com/books/1")
                .data(u.data()).privateUpdate(true).id(u.id()).type(u.type()).retry(u.retry()).build(), "topic order");
        assertNotEquals(u, u.toBuilder().data("{}").build(), "data");
        assertNotEquals(u, u.toBuilder().privateUpdate(false).build(), "private");
        assertNotEquals(u, u.toBuilder().id("urn:uuid:2").build(), "id");
        assertNotEquals(u, u.toBuilder().id(null).build(), "no id");
        assertNotEquals(u, u.toBuilder().type(null).build(), "type");
        assertNotEquals(u, u.toBuilder().retry(1L).build(), "retry");
        assertNotEquals(u, null, "never equal to null");
    }

    @Test
    void noDataEqualsEmptyData() {
        assertEquals(Update.builder().topic("t").build(), Update.of("t", ""), "absent data is the empty string");
    }

    @Test
    void toStringShowsEveryField() {
        assertEquals("Update{topics=[https://example.com/books/1, https://example.com/users/42/books], private=true,"
                + " id=urn:uuid:1, type=book-updated, retry=5000, data=\"{\"title\":\"Dune\"}\"}", full().toString());
    }

    @Test
    void toStringAbbreviatesLongDataAndSaysHowLong() {
        String text = Update.of("t", "x".repeat(1000)).toString();
        assertTrue(text.endsWith("data=\"" + "x".repeat(200) + "\"… (1000 chars)}"), text);
    }
}
