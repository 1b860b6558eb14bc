package io.github.mercurejakarta.match.urlpattern;

import java.util.Locale;

/** The eight URL components a URL pattern matches, in the standard's order. */
enum Component {
    PROTOCOL, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH;

    /** @return the JavaScript property name, e.g. {@code "pathname"} */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
