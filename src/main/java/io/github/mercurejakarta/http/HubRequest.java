package io.github.mercurejakarta.http;

/**
 * An HTTP request to the hub as a front end (JAX-RS, Netty) sees it: just what the protocol layer
 * needs, nothing framework-specific.
 */
public interface HubRequest {

    /** @return GET, POST, OPTIONS, ... */
    String method();

    /**
     * @return the absolute URL of the hub endpoint as the client addressed it, without query
     * (e.g. {@code http://localhost:9080/app/.well-known/mercure}); the base for relative topics and
     * the default draft-08 audience
     */
    String hubUrl();

    /** @return the raw (still percent-encoded) query string, or null */
    String rawQuery();

    /** @return the first value of a header (case-insensitive name), or null */
    String header(String name);

    /**
     * @return how many times the header occurs in the request (case-insensitive name); a front end that cannot
     * tell repeated headers apart answers 0 or 1 (the default)
     */
    default int headerCount(String name) {
        return header(name) == null ? 0 : 1;
    }

    /**
     * @return the address of the connection's peer (the client, or the proxy in front of it), as a
     * literal IP address; null when the front end cannot tell (then no per-address limit applies)
     */
    default String peerAddress() {
        return null;
    }
}
