/**
 * Reconciliation: compares each input the inbound journal holds for a window with what the stages recorded in the
 * active region, and replays what did not reach its terminal state into the ingestion stream, once and paced.
 */
package io.tradewind.reconciliation.replay;
