/**
 * The WHATWG URL Pattern standard ({@link io.github.mercurejakarta.match.urlpattern.UrlPattern}): parsing a
 * pattern, canonicalising its components and matching URLs, translated to RE2/J expressions, and the WHATWG
 * URL parser they need. Part of the {@code match} layer, below {@code protocol}: used by
 * {@code match.UrlPatternMatcher} and by {@code protocol.ReservedTopics} (which parses URLs with it).
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.match.urlpattern;
