package io.github.mercurejakarta.protocol;

/**
 * The two generations of the Mercure protocol that the hub speaks at once, and every name that
 * differs between them. Nothing else in the code base spells these names.
 *
 * <ul>
 *   <li>{@link #DRAFT_07}: draft-dunglas-mercure-07 (Mercure.rocks 0.x, Symfony, flask-mercure-sse):
 *       {@code topic=} selectors, {@code mercure} JWT claim, {@code lastEventID},
 *       {@code Last-Event-ID} response header, {@code mercureAuthorization} cookie.</li>
 *   <li>{@link #DRAFT_08}: draft-dunglas-mercure-08 (Mercure.rocks 1.x): {@code match=} /
 *       {@code match_urlpattern=} matchers, RFC 9068 {@code at+jwt} tokens with
 *       {@code authorization_details}, {@code last_event_id}, {@code Mercure-Last-Event-ID},
 *       {@code __Secure-mercure_access_token} cookie.</li>
 * </ul>
 */
public enum Dialect {
    DRAFT_07(7, "lastEventID", "Last-Event-ID", "mercureAuthorization"),
    DRAFT_08(8, "last_event_id", "Mercure-Last-Event-ID", "__Secure-mercure_access_token");

    /** The reserved cursor value asking for the whole history. */
    public static final String EARLIEST = "earliest";

    private final int version;
    private final String lastEventIdParameter;
    private final String lastEventIdResponseHeader;
    private final String defaultCookieName;

    Dialect(int version, String lastEventIdParameter, String lastEventIdResponseHeader, String defaultCookieName) {
        this.version = version;
        this.lastEventIdParameter = lastEventIdParameter;
        this.lastEventIdResponseHeader = lastEventIdResponseHeader;
        this.defaultCookieName = defaultCookieName;
    }

    /** @return 7 or 8 */
    public int version() {
        return version;
    }

    /** @return the query parameter carrying the reconnection cursor. */
    public String lastEventIdParameter() {
        return lastEventIdParameter;
    }

    /** @return the response header that echoes the cursor the hub resumed from. */
    public String lastEventIdResponseHeader() {
        return lastEventIdResponseHeader;
    }

    /** @return the authorization cookie name when none is configured. */
    public String defaultCookieName() {
        return defaultCookieName;
    }

    /** @return the dialect for {@code 7} or {@code 8}. */
    public static Dialect ofVersion(int version) {
        for (Dialect d : values()) {
            if (d.version == version) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown Mercure protocol version: " + version + " (7 or 8)");
    }
}
