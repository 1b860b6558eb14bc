package io.github.mercurejakarta.match;

/**
 * The kinds of topic selector the hub understands.
 *
 * <p>{@link #EXACT} and {@link #URLPATTERN} are draft-08's registered matcher types (their
 * {@link #canonicalName()} is what appears as {@code match_<type>} and as {@code match_type});
 * {@link #URI_TEMPLATE} is draft-07's selector (a string that is either matched exactly or, when it
 * is a valid RFC 6570 template, as a template). {@link #WILDCARD} is {@code *} in either dialect.
 */
public enum MatchType {
    EXACT("exact"),
    URLPATTERN("urlpattern"),
    URI_TEMPLATE("template"),
    WILDCARD("exact");

    private final String canonicalName;

    MatchType(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    /** @return the draft-08 {@code match_type} name ({@code *} is reported with type {@code exact}). */
    public String canonicalName() {
        return canonicalName;
    }
}
