/**
 * The PostgreSQL transport ({@code mercure.hub.transport=postgresql://...}, or an application server's
 * DataSource: {@code datasource:jdbc/app}): several hub nodes as one through a table of updates, woken by
 * LISTEN/NOTIFY; the history and the active subscriptions of the cluster in the same database. The only
 * package that names pgjdbc ({@code org.postgresql}), an optional dependency. Internal, not API.
 */
package io.github.mercurejakarta.hub.transport.postgresql;
