/**
 * Reconciliation: compares each input the inbound journal holds for a window with what its app says became of it
 * (through the app's {@link io.tradewind.platform.reconciliation.InputFates}) and with the sent-log, and replays what
 * did not reach its terminal state into the ingestion stream, once and paced.
 */
package io.tradewind.reconciliation.replay;
