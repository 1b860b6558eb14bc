package io.github.mercurejakarta.protocol;

import io.github.mercurejakarta.match.MatchType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The topics (= ids) of subscription events and the paths of the subscriptions API, built the same way
 * in both directions.
 *
 * <ul>
 *   <li>draft-07: {@code {hubPath}/subscriptions/{topic}/{subscriber}}</li>
 *   <li>draft-08: {@code {hubPath}/subscriptions/{match_type}/{match}/{subscriber}}</li>
 * </ul>
 *
 * <p>Each variable is percent-encoded exactly once, as a whole string (RFC 6570 simple expansion: every
 * UTF-8 byte except the unreserved {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}), so {@code /},
 * {@code :} and {@code %} are all encoded and nothing is ever encoded twice (checklist item 88). The
 * hub path is the path of the hub URL as its clients address it ({@code /.well-known/mercure}, or
 * {@code /app/.well-known/mercure} for an application mounted at {@code /app}); the topics are
 * relative references, as the reference hub's are, so a relative URL Pattern such as
 * {@code /.well-known/mercure/subscriptions/:t/:m/:s} resolves against the hub URL and matches them.
 *
 * <pre>{@code
 * SubscriptionTopics.draft08("/.well-known/mercure", "urlpattern", "https://e.x/:s", "urn:uuid:1")
 * // /.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fe.x%2F%3As/urn%3Auuid%3A1
 * }</pre>
 */
public final class SubscriptionTopics {

    /** The hub path when none is known (the standalone hub's, and the default). */
    public static final String DEFAULT_HUB_PATH = "/.well-known/mercure";
    /** What follows the hub path. */
    public static final String SEGMENT = "/subscriptions";

    private SubscriptionTopics() {
    }

    /** @return the draft-07 subscription IRI of {@code topic} (selector) and {@code subscriber}. */
    public static String draft07(String hubPath, String topic, String subscriber) {
        return prefix(hubPath) + '/' + encode(topic) + '/' + encode(subscriber);
    }

    /** @return the draft-08 subscription IRI. */
    public static String draft08(String hubPath, String matchType, String match, String subscriber) {
        return prefix(hubPath) + '/' + encode(matchType) + '/' + encode(match) + '/' + encode(subscriber);
    }

    /** @return {@code {hubPath}/subscriptions} */
    public static String prefix(String hubPath) {
        String p = hubPath == null || hubPath.isEmpty() ? DEFAULT_HUB_PATH : hubPath;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p + SEGMENT;
    }

    /** @return the draft-08 {@code match_type} of a selector of this kind, null for draft-07 selectors. */
    public static String matchType(Dialect dialect, MatchType type) {
        return dialect == Dialect.DRAFT_07 ? null : type.canonicalName();
    }

    /**
     * Percent-encodes every UTF-8 byte of {@code s} except RFC 3986 unreserved characters.
     *
     * <pre>{@code encode("https://e.x/:s") // https%3A%2F%2Fe.x%2F%3As }</pre>
     */
    public static String encode(String s) {
        return PercentEncoding.UNRESERVED.encode(s);
    }

    /**
     * Decodes one path segment of an API request exactly once: {@code %XX} escapes become bytes, the
     * bytes must be UTF-8; {@code +} stays a plus sign (this is a path, not a form).
     *
     * @throws IllegalArgumentException for a malformed escape or bytes that are not UTF-8
     */
    public static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("truncated percent-escape in '" + segment + "'");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-escape in '" + segment + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < segment.length()) {
                    b = segment.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes in '" + segment + "' are not UTF-8", e);
        }
    }
}
