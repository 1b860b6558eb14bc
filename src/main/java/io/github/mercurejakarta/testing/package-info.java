/**
 * Test doubles for applications' own tests: {@link io.github.mercurejakarta.testing.MercureRecorder}, a
 * {@code Mercure} that records what the code under test published.
 *
 * <pre>{@code
 * MercureRecorder mercure = new MercureRecorder();
 * service.rename(42, "Dune");                         // the code under test, given the recorder
 * assertEquals(1, mercure.updates("https://example.com/books/42").size());
 * }</pre>
 */
package io.github.mercurejakarta.testing;
