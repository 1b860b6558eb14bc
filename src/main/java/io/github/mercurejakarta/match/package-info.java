/**
 * Topic matchers: exact, {@code *}, RFC 6570 URI templates (draft-07) and WHATWG URL Patterns (draft-08,
 * {@code match.urlpattern}), all in linear time (RE2/J). Uses only the API and {@code config}; used by
 * {@code protocol} and everything above it (the hub's subscriber index, token grants).
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.match;
