package io.github.mercurejakarta.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The library's one percent-encoder: a string's UTF-8 bytes, each kept or written {@code %XX}
 * (upper-case hex). The encodings differ only in which bytes they keep, so each place that builds a URL
 * or a form names the one its grammar asks for instead of writing the loop again.
 *
 * <pre>{@code
 * PercentEncoding.UNRESERVED.encode("https://e.x/:s")        // https%3A%2F%2Fe.x%2F%3As
 * PercentEncoding.QUERY_VALUE.encode("https://e.x/{id}")     // https://e.x/%7Bid%7D
 * PercentEncoding.RESERVED_EXPANSION.encode("a/b c%2F")      // a/b%20c%2F
 * PercentEncoding.FORM.encode("hello world~")                // hello+world%7E
 * }</pre>
 *
 * (WHATWG URL parsing, in {@code match.urlpattern}, keeps its own encode sets: they are the standard's,
 * code point by code point, and serve the URL Pattern port only.)
 */
public final class PercentEncoding {

    private static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UNRESERVED_MARKS = "-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay, every other byte is escaped
     * (RFC 6570 simple expansion): a value that must stay one path segment, such as a variable of a
     * subscription id, where {@code /}, {@code :} and {@code %} are all data.
     */
    public static final PercentEncoding UNRESERVED = new PercentEncoding(UNRESERVED_MARKS, false, false);

    /**
     * A query value that the WHATWG urlencoded parser (what hubs use) gives back unchanged: {@code & = + ; % #},
     * spaces, quotes, brackets, braces and every non-ASCII byte are escaped; unreserved characters and
     * {@code ! $ ( ) * , / : ? @} stay readable. The result never contains {@code ' " < > \}, so it is
     * safe inside HTML attributes and JavaScript strings.
     */
    public static final PercentEncoding QUERY_VALUE = new PercentEncoding(UNRESERVED_MARKS + "!$()*,/:?@", false, false);

    /**
     * RFC 6570 reserved expansion ({@code {+var}}, §3.2.3): unreserved and reserved characters and
     * existing {@code %XX} triplets stay, everything else is escaped.
     */
    public static final PercentEncoding RESERVED_EXPANSION =
            new PercentEncoding(UNRESERVED_MARKS + ":/?#[]@!$&'()*+,;=", true, false);

    /**
     * {@code application/x-www-form-urlencoded} exactly as {@link java.net.URLEncoder} writes it with
     * UTF-8: letters, digits and {@code - . _ *} stay, a space becomes {@code +}, everything else
     * (including {@code ~}) is escaped.
     */
    public static final PercentEncoding FORM = new PercentEncoding("-._*", false, true);

    private final boolean[] kept = new boolean[128];
    private final boolean keepsTriplets;
    private final boolean spaceAsPlus;

    private PercentEncoding(String keptMarks, boolean keepsTriplets, boolean spaceAsPlus) {
        for (char c : (LETTERS_AND_DIGITS + keptMarks).toCharArray()) {
            kept[c] = true;
        }
        this.keepsTriplets = keepsTriplets;
        this.spaceAsPlus = spaceAsPlus;
    }

    /** @return {@code s} with every byte this encoding does not keep written as {@code %XX} */
    public String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 128 && kept[b] || keepsTriplets && isTriplet(bytes, i)) {
                out.append((char) b);
            } else if (b == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isTriplet(byte[] bytes, int i) {
        return bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0
                && Character.digit(bytes[i + 2], 16) >= 0;
    }
}
