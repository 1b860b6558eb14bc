/**
 * Every {@code mercure.*} setting, read once through MicroProfile Config and checked
 * ({@link io.github.mercurejakarta.config.MercureConfig}; an error names the key), and the two small
 * mechanisms every layer above needs ({@code ClassPresence}, {@code Lazy}). The bottom layer: it uses only
 * the API ({@code ConfigurationException}); every other package may use it.
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.config;
