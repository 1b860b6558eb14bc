package io.github.mercurejakarta.auth;

/** The JWT names both the verifier and the factory spell, in one place. */
final class ClaimNames {

    /** Draft-07 claim. */
    static final String MERCURE = "mercure";
    /** Draft-07 namespaced claim, accepted by hub 0.24 and preferred over {@link #MERCURE} when present. */
    static final String MERCURE_NAMESPACED = "https://mercure.rocks/";
    static final String PUBLISH = "publish";
    static final String SUBSCRIBE = "subscribe";
    static final String PAYLOAD = "payload";

    /** RFC 9396 claim and the Mercure detail type (compared byte for byte). */
    static final String AUTHORIZATION_DETAILS = "authorization_details";
    static final String MERCURE_DETAIL_TYPE = "https://mercure.rocks/authorization-detail";
    static final String TYPE = "type";
    static final String ACTIONS = "actions";
    static final String TOPICS = "topics";
    static final String MATCH = "match";
    static final String MATCH_TYPE = "match_type";

    /** RFC 9068 §2.1 {@code typ} of JWT access tokens, and its media-type spelling. */
    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    static final String ACCESS_TOKEN_MEDIA_TYPE = "application/at+jwt";
    static final String CLIENT_ID = "client_id";

    private ClaimNames() {
    }
}
