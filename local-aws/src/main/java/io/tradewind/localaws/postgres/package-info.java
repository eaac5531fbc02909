/** The per-region PostgreSQL: an embedded server (zonky) with its own data directory and a {@code tradewind} database. */
package io.tradewind.localaws.postgres;
