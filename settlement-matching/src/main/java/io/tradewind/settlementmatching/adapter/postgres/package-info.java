/**
 * PostgreSQL adapters of settlement matching: the intake that books instructions and keeps ingestion's decisions, the
 * settlement book that locks and loads a batch's instructions for the lifecycle and writes what it changed (pairs and
 * per-input events included), and the confirmation store, with the Flyway migrations of schema
 * {@code settlement_matching} beside them; and
 * what became of each input, as reconciliation asks it.
 */
package io.tradewind.settlementmatching.adapter.postgres;
