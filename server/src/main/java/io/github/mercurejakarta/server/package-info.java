/**
 * The standalone hub (the {@code mercure} command's {@code hub}), its shared part: {@code StandaloneHub}
 * (the configuration, the library's {@code Hub} and its front-end-neutral {@code HubProtocol}), the
 * {@code FrontEnd} both front ends implement, the health report and user errors. It sits on the library's
 * {@code http} and {@code hub} packages; its subpackages use it, never the other way round
 * ({@code cli} → {@code netty} | {@code jaxrs} → this package; {@code PackageDependenciesTest}).
 * Internal to the server: not an API.
 */
package io.github.mercurejakarta.server;
