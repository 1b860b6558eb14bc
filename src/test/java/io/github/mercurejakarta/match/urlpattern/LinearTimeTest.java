package io.github.mercurejakarta.match.urlpattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patterns that make a backtracking engine take exponential or high-polynomial time, against long
 * inputs built to fail late. The timeout is only a hang detector: RE2 answers in milliseconds.
 */
class LinearTimeTest {

    private static final Duration HANG = Duration.ofSeconds(5);

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/:x((?:a+)+)b",
        "https://example.com/:x((?:a|a)*)b",
        "https://example.com/:x((?:a|aa)+)b",
        "https://example.com/:x((?:a*)*)b",
        "https://example.com/*a*a*a*a*a*a*a*a*a*b",
        "https://example.com/x{/:a}*{/:b}*{/:c}*{/:d}*/b",
        "https://example.com/:a?:b?:c?:d?:e?:f?:g?:h?b",
        "https://example.com/(.*)(.*)(.*)(.*)(.*)(.*)b",
    })
    void adversarialPatternsRunInLinearTime(String pattern) {
        UrlPattern p = UrlPattern.compile(pattern);
        String input = "https://example.com/" + "a".repeat(20_000) + "!";
        String slashes = "https://example.com/" + "a/".repeat(10_000) + "!";
        assertTimeoutPreemptively(HANG, () -> {
            assertFalse(p.test(input, null));
            assertFalse(p.test(slashes, null));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000, 100_000})
    void longHostsAndQueriesStayFast(int n) {
        UrlPattern p = UrlPattern.compile("https://{*.}*example.com/*?:q((?:x+x+)+y)");
        String input = "https://" + "a.".repeat(n / 2) + "example.com/p?" + "x".repeat(n);
        assertTimeoutPreemptively(HANG, () -> assertFalse(p.test(input, null)));
    }
}
