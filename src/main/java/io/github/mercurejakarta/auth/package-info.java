/**
 * Mercure authorization: verifying publisher and subscriber tokens of both drafts into
 * {@link io.github.mercurejakarta.auth.Grants}, and minting tokens.
 *
 * <pre>{@code
 * // configuration: a secret or a PEM public key; the key type alone decides the accepted algs
 * VerificationKey key = VerificationKey.parse(config.subscriberJwtKey());
 * TokenVerifier verifier = new TokenVerifier(key, "mercure");
 *
 * // per request
 * Grants grants;
 * try {
 *     grants = token == null ? Grants.NONE : verifier.verify(token, VerificationContext.forHub(hubUrl));
 * } catch (InvalidTokenException e) {
 *     return unauthorized("invalid_token");            // same answer for every cause
 * }
 *
 * // minting (tests, app-side helpers, the standalone hub's banner)
 * String jwt = new TokenFactory().draft08(SigningKey.hmac(secret), "mercure", hubUrl, "alice",
 *         List.of(), List.of(TopicGrant.exact("https://example.com/books/1")), null, Duration.ofMinutes(15));
 * }</pre>
 *
 * <p>Draft-08 tokens are RFC 9068 access tokens ({@code typ: at+jwt}) carrying RFC 9396
 * {@code authorization_details}; every other JWS is read as a draft-07 token with a
 * {@code mercure} claim. Both kinds can be accepted by the same verifier; the hub decides from
 * {@link io.github.mercurejakarta.auth.Grants#dialect()} whether it accepts that dialect.
 */
package io.github.mercurejakarta.auth;
