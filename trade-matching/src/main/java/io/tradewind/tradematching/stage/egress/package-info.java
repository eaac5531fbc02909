/**
 * Egress: turns what became of each trade into status reports for both counterparties and, for a MATCHED pair, the
 * settlement instructions of each allocation, with deterministic ids so a replay repeats them exactly.
 */
package io.tradewind.tradematching.stage.egress;
