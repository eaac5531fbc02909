/**
 * PostgreSQL adapters of settlement matching: the settlement book (instructions, pairs, per-input events, rejections)
 * and the confirmation store, with the Flyway migrations of schema {@code settlement_matching} beside them; and what
 * became of each input, as reconciliation asks it.
 */
package io.tradewind.settlementmatching.adapter.postgres;
