/**
 * The trade book in PostgreSQL (Aurora on AWS): trades, allocations, pairs, the events each input produced, rejected
 * inputs and settlement instructions. Schema by Flyway migrations beside this package. What became of each input, as
 * reconciliation asks it, is answered here too.
 */
package io.tradewind.tradematching.adapter.postgres;
