package io.github.mercurejakarta.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FormTest {

    @Test
    void repeatedNamesInOrderAndEncoded() {
        Form form = Form.of("topic", "https://example.com/books/{id}", "topic", "urn:a b", "data", "é&=+\n");
        assertEquals("topic=https%3A%2F%2Fexample.com%2Fbooks%2F%7Bid%7D&topic=urn%3Aa+b&data=%C3%A9%26%3D%2B%0A",
                form.encode());
        assertEquals(3, form.fields().size());
    }

    @Test
    void oddArgumentsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Form.of("topic"));
    }
}
