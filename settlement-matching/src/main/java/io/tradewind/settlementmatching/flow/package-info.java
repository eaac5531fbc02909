/**
 * The records that travel on settlement matching's streams between its stages: ingestion tells matching which booked
 * instruction to decide ({@link io.tradewind.settlementmatching.flow.SettlementCommand}), matching tells egress what
 * became of it ({@link io.tradewind.settlementmatching.flow.SettlementEvent}), and egress hands the outbound gateway
 * finished messages ({@link io.tradewind.platform.gateway.OutboundEnvelope}). All JSON, all with deterministic ids.
 */
package io.tradewind.settlementmatching.flow;
