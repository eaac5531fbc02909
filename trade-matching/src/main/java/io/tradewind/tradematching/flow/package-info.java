/**
 * The records that travel on the app's streams between its stages: ingestion tells matching what to do with a trade
 * ({@link io.tradewind.tradematching.flow.TradeCommand}), matching tells egress what became of it
 * ({@link io.tradewind.tradematching.flow.TradeEvent}), and egress hands the outbound gateway finished messages
 * ({@link io.tradewind.platform.gateway.OutboundEnvelope}). All JSON, all carrying deterministic ids.
 */
package io.tradewind.tradematching.flow;
