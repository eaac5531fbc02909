/**
 * The trade book in PostgreSQL (Aurora on AWS): trades, allocations, pairs, the events each input produced, rejected
 * inputs and settlement instructions. For matching it only locks and loads the rows a batch needs and writes the
 * changes the domain's lifecycle decided, set-based; the rules live in the domain. Schema by Flyway migrations beside
 * this package. What became of each input, as
 * reconciliation asks it, is answered here too.
 */
package io.tradewind.tradematching.adapter.postgres;
