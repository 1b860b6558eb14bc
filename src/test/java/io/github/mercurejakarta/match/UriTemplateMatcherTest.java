package io.github.mercurejakarta.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriTemplateMatcherTest {

    /** Generous: only there to turn a hang into a failure, not to measure speed. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private static boolean matches(String selector, String topic) {
        return TopicMatchers.draft07(selector).matches(topic);
    }

    // Each row: selector | topic | expected. Blank-free CSV with '|' delimiter since topics contain ','.
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # the brief's examples
            https://example.com/books/{id}            | https://example.com/books/1                               | true
            https://example.com/books/{id}            | https://example.com/books/1/reviews                       | false
            https://example.com/{+path}               | https://example.com/a/b                                   | true
            /users/foo/{?topic}                       | /users/foo/?topic=https%3A%2F%2Fe.x%2Fbooks%2F1            | true
            # simple expansion: unreserved, pct-encoded, lists joined by ','
            https://example.com/books/{id}            | https://example.com/books/                                | true
            https://example.com/books/{id}            | https://example.com/books/a-b.c_d~e                       | true
            https://example.com/books/{id}            | https://example.com/books/caf%C3%A9                       | true
            https://example.com/books/{id}            | https://example.com/books/1,2,3                           | true
            https://example.com/books/{id}            | https://example.com/books/a?b                             | false
            https://example.com/books/{id}            | https://example.com/books/a%2                             | false
            https://example.com/books/{id}            | https://example.com/books/café                            | false
            https://example.com/books/{id}            | https://example.com/books/a=b                             | false
            https://example.com/books/{id}            | http://example.com/books/1                                | false
            https://example.com/books/{id}            | https://example.com/books/1#frag                          | false
            https://example.com/users/{u}/books/{b}   | https://example.com/users/kévin/books/1                   | false
            https://example.com/users/{u}/books/{b}   | https://example.com/users/dunglas/books/1                 | true
            https://example.com/{x,y}                 | https://example.com/1,2                                   | true
            https://example.com/{x,y}                 | https://example.com/                                      | true
            {id}                                      | 42                                                        | true
            {id}                                      | ''                                                        | true
            # reserved expansion: '+' and '#'
            https://example.com/{+path}               | https://example.com/a/b?c=d&e=f                           | true
            https://example.com/{+path}               | https://example.com/a b                                   | false
            https://example.com/{+path}               | https://example.com/a%20b                                 | true
            https://example.com/{+path}/end           | https://example.com/x/y/end                               | true
            https://example.com/page{#section}        | https://example.com/page#intro/part,1                     | true
            https://example.com/page{#section}        | https://example.com/page                                  | true
            https://example.com/page{#section}        | https://example.com/page?x                                | false
            # label, path segments, path parameters
            https://example.com/file{.ext}            | https://example.com/file.json                             | true
            https://example.com/file{.ext}            | https://example.com/file                                  | true
            https://example.com/file{.ext}            | https://example.com/filejson                              | false
            https://example.com/file{.ext*}           | https://example.com/file.tar.gz                           | true
            https://example.com{/seg}                 | https://example.com/a                                     | true
            https://example.com{/seg}                 | https://example.com/a/b                                   | false
            https://example.com{/seg*}                | https://example.com/a/b/c                                 | true
            https://example.com{/seg*}                | https://example.com/a/b?c                                 | false
            https://example.com{/a,b}                 | https://example.com/x/y                                   | true
            https://example.com{/a,b}                 | https://example.com/x/y/z                                 | false
            https://example.com/m{;x,y}               | https://example.com/m;x=1;y=2                             | true
            https://example.com/m{;x,y}               | https://example.com/m;y=2                                 | true
            https://example.com/m{;x,y}               | https://example.com/m;x                                   | true
            https://example.com/m{;x,y}               | https://example.com/m;y=2;x=1                             | false
            https://example.com/m{;x,y}               | https://example.com/m;z=1                                 | false
            https://example.com/m{;x,y}               | https://example.com/m;x=                                  | false
            https://example.com/m{;list*}             | https://example.com/m;a=1;b;c=3                           | true
            # query and continuation
            https://example.com/s{?q,lang}            | https://example.com/s?q=cat&lang=en                       | true
            https://example.com/s{?q,lang}            | https://example.com/s?lang=en                             | true
            https://example.com/s{?q,lang}            | https://example.com/s?q=                                  | true
            https://example.com/s{?q,lang}            | https://example.com/s?&lang=en                            | false
            https://example.com/s{?q,lang}            | https://example.com/s?lang=en&q=cat                       | false
            https://example.com/s{?q,lang}            | https://example.com/s?q                                   | false
            https://example.com/s{?q,lang}            | https://example.com/s?other=1                             | false
            https://example.com/s{?q*}                | https://example.com/s?a=1&b=2                             | true
            https://example.com/s?fixed=1{&x}         | https://example.com/s?fixed=1&x=2                         | true
            https://example.com/s?fixed=1{&x}         | https://example.com/s?fixed=1                             | true
            https://example.com/s?fixed=1{&x}         | https://example.com/s?fixed=1&y=2                         | false
            # explode on simple and reserved
            https://example.com/{list*}               | https://example.com/a,b=c,d                               | true
            https://example.com/{+list*}              | https://example.com/a/b,c                                 | true
            # prefix (a pct-encoded UTF-8 sequence is one character)
            https://example.com/dict/{term:1}/{term}  | https://example.com/dict/c/cat                            | true
            https://example.com/dict/{term:1}/{term}  | https://example.com/dict/ca/cat                           | false
            https://example.com/{id:3}                | https://example.com/abc                                   | true
            https://example.com/{id:3}                | https://example.com/abcd                                  | false
            https://example.com/{id:3}                | https://example.com/%C3%A9%C3%A9%C3%A9                    | true
            https://example.com/{id:3}                | https://example.com/%C3%A9%C3%A9%C3%A9%C3%A9              | false
            https://example.com/{id:3}                | https://example.com/%F0%9F%98%80                          | true
            https://example.com/x{?id:2}              | https://example.com/x?id=ab                               | true
            https://example.com/x{?id:2}              | https://example.com/x?id=abc                              | false
            https://example.com/x{;id:2}              | https://example.com/x;id                                  | true
            # literals are matched exactly, including regex metacharacters and pct-encoded triplets
            https://example.com/a.b/{id}              | https://example.com/aXb/1                                 | false
            https://example.com/(x)+$/{id}            | https://example.com/(x)+$/1                               | true
            https://example.com/%7Euser/{id}          | https://example.com/%7Euser/1                             | true
            https://example.com/%7Euser/{id}          | https://example.com/%7euser/1                             | false
            https://example.com/été/{id}              | https://example.com/été/1                                 | true
            """)
    void matchesLikeRfc6570Expansions(String selector, String topic, boolean expected) {
        assertEquals(expected, matches(selector, topic.equals("''") ? "" : topic),
                () -> selector + " vs " + topic + " via " + ((UriTemplateMatcher) TopicMatchers.draft07(selector)).regex());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com/{id",            // unbalanced
            "https://example.com/id}",            // stray closing brace
            "https://example.com/{}",             // empty expression
            "https://example.com/{=id}",          // op-reserved
            "https://example.com/{|id}",
            "https://example.com/{!id}",
            "https://example.com/{@id}",
            "https://example.com/{i d}",          // space in name
            "https://example.com/{a,}",           // empty varspec
            "https://example.com/{.a.}",          // name ending with '.'
            "https://example.com/{a..b}",
            "https://example.com/{id:0}",         // max-length starts at 1
            "https://example.com/{id:10000}",     // and has at most 4 digits
            "https://example.com/{id:}",
            "https://example.com/{id:3*}",        // prefix and explode together
            "https://example.com/{{id}}",
            "https://example.com/{é}",
            "https://example.com/a b/{id}",       // SP is not a literal
            "https://example.com/<{id}>",
            "https://example.com/%zz/{id}",       // broken pct-encoding in a literal
            "https://example.com/{%zz}",
    })
    void invalidTemplateSelectsOnlyItself(String selector) {
        TopicMatcher matcher = TopicMatchers.draft07(selector);
        assertNull(((UriTemplateMatcher) matcher).regex(), "should not be treated as a template");
        assertTrue(matcher.matches(selector));
        assertFalse(matcher.matches("https://example.com/1"));
        assertFalse(matcher.matches(selector + "x"));
    }

    @Test
    void validTemplateAlsoSelectsItselfLiterally() {
        // draft-07: equality comes first, even though "{id}" is not an expansion of itself
        assertTrue(matches("https://example.com/books/{id}", "https://example.com/books/{id}"));
    }

    @Test
    void plainTopicIsExactAndCaseSensitive() {
        TopicMatcher matcher = TopicMatchers.draft07("https://example.com/books/1");
        assertTrue(matcher.matches("https://example.com/books/1"));
        assertFalse(matcher.matches("https://example.com/books/10"));
        assertFalse(matcher.matches("https://EXAMPLE.com/books/1"));
        assertNull(((UriTemplateMatcher) matcher).regex());
    }

    @Test
    void wildcardAndContract() {
        assertSame(TopicMatchers.wildcard(), TopicMatchers.draft07("*"));
        TopicMatcher matcher = TopicMatchers.draft07("https://example.com/{id}");
        assertEquals(MatchType.URI_TEMPLATE, matcher.type());
        assertEquals("https://example.com/{id}", matcher.selector());
        assertFalse(matcher.matches(null));
    }

    @Test
    void anchoredAtBothEnds() {
        assertFalse(matches("/books/{id}", "x/books/1"));
        assertFalse(matches("/books/{id}", "/books/1\n"));
        assertFalse(matches("/books/{id}", "/books/1\n/books/2"));
    }

    @Test
    void selectorLengthIsCapped() {
        String atLimit = "https://example.com/" + "a".repeat(UriTemplateMatcher.MAX_SELECTOR_LENGTH - 24) + "{id}";
        assertEquals(UriTemplateMatcher.MAX_SELECTOR_LENGTH, atLimit.length());
        assertNotNull(TopicMatchers.draft07(atLimit));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07(atLimit + "x"));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07("a".repeat(5000)));
    }

    @Test
    void largestPrefixLengthIsExactAndLargerOnesAreRejected() {
        TopicMatcher matcher = TopicMatchers.draft07("/{id:1000}");
        assertTrue(matcher.matches("/" + "a".repeat(1000)));
        assertFalse(matcher.matches("/" + "a".repeat(1001)));
        // valid RFC 6570 (max-length < 10000) but not compiled: a 400, not a silent approximation
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07("/{id:1001}"));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07("/{id:9999}"));
    }

    @Test
    void pathologicalTemplatesAreRejectedNotCompiled() {
        // many distinct variables in one expression would compile to a quadratic expression
        StringBuilder manyNames = new StringBuilder("/{?");
        for (int i = 0; manyNames.length() < 4000; i++) {
            manyNames.append(i == 0 ? "" : ",").append("v").append(i);
        }
        String selector = manyNames.append('}').toString();
        assertTimeoutPreemptively(HANG, () ->
                assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07(selector)));
        // and many large prefixes
        String prefixes = "/{a:1000}".repeat(10);
        assertTimeoutPreemptively(HANG, () ->
                assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07(prefixes)));
    }

    @Test
    void tooManyVariablesIsRejected() {
        String atLimit = "/{x}".repeat(UriTemplateMatcher.MAX_VARIABLES);
        assertTrue(TopicMatchers.draft07(atLimit).matches("/a/b" + "/".repeat(UriTemplateMatcher.MAX_VARIABLES - 2)));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07(atLimit + "/{y}"));
        assertThrows(InvalidSelectorException.class, () -> TopicMatchers.draft07(
                "/{?" + "v,".repeat(UriTemplateMatcher.MAX_VARIABLES) + "w}"));
    }

    @Test
    void adversarialInputsFinish() {
        // nested-quantifier shapes that make backtracking engines explode
        String selector = "/{a}{b}{c}{d}{e}{f}{g}{h}{+i}{+j}{/k*}{.l*}{;m*}{?n*}{&o*}!";
        TopicMatcher matcher = TopicMatchers.draft07(selector);
        String topic = "/" + "a".repeat(200_000);
        assertTimeoutPreemptively(HANG, () -> assertFalse(matcher.matches(topic)));
        assertTimeoutPreemptively(HANG, () -> assertTrue(matcher.matches(topic + "!")));

        // the most variables we accept, every one able to expand to nothing, against a long topic
        String widest = "/" + "{x}".repeat(UriTemplateMatcher.MAX_VARIABLES) + "!";
        TopicMatcher many = TopicMatchers.draft07(widest);
        String input = "/" + "x,".repeat(10_000);
        assertTimeoutPreemptively(HANG, () -> assertFalse(many.matches(input)));
        assertTimeoutPreemptively(HANG, () -> assertTrue(many.matches(input + "!")));
    }
}
