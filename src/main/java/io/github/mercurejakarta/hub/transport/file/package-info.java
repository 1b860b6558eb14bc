/**
 * The file transport, for a hub on one node whose history survives a restart: an SQLite database (WAL
 * journal, fsync before a publish is answered) in a directory the hub holds a lock on; loaded through its
 * {@code TransportFactory} for {@code file:} URLs. It implements the {@code hub.transport} SPI and is the
 * only package that names the SQLite driver (an optional dependency). Internal, not API: it may change in
 * any release.
 */
package io.github.mercurejakarta.hub.transport.file;
