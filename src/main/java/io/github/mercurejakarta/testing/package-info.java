/**
 * Test doubles for applications' own tests: {@link io.github.mercurejakarta.testing.MercureRecorder}, a
 * {@code Mercure} that records what the code under test published, makes real hub URLs, tokens and
 * cookies from test settings, and reports the presence a test declares. Part of the public API.
 *
 * <pre>{@code
 * MercureRecorder mercure = new MercureRecorder();
 * service.rename(42, "Dune");                         // the code under test, given the recorder
 * assertEquals(1, mercure.updates("https://example.com/books/42").size());
 * mercure.connect("https://example.com/rooms/1", Map.of("user", "alice"));   // presence
 * assertTrue(mercure.isConnected("https://example.com/rooms/1"));
 * }</pre>
 */
package io.github.mercurejakarta.testing;
