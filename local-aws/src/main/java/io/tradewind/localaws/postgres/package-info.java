/**
 * The per-region PostgreSQL (an embedded server, zonky, with its own data directory and a {@code tradewind} database),
 * the emulated Aurora global database that replicates one app's schema between two regions' servers, and the HTTP
 * endpoint through which an SRE's tools describe, switch over, fail over and rejoin those global databases.
 */
package io.tradewind.localaws.postgres;
