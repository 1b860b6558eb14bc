/**
 * The CDI glue, the top layer: {@code DefaultMercure} (the {@code Mercure} bean, embedded or external hub),
 * {@code MercureExtension} (configuration checked at deployment, the embedded hub started and stopped with
 * the application), the {@code @MercureTopic} event bridge, the application's JSON-B and MicroProfile
 * Metrics. May use every other package; only {@code testing} uses it.
 * Internal, not API: it may change in any release.
 */
package io.github.mercurejakarta.cdi;
