/**
 * The settlement side of the wire contract: the instructions trade-matching emits for each allocation of a matched
 * trade on {@code settlements.inbound}, the {@link io.tradewind.model.settlement.SettlementInstructionDecoder} that
 * checks them field by field, the status reports settlement-matching answers settlement desks with on the private
 * queue of each instruction's party, {@code settlements.status.<participantId>}, and the confirmations it sends
 * trade-matching on {@code settlements.confirmations}, which
 * the {@link io.tradewind.model.settlement.SettlementConfirmationDecoder} checks like any other input.
 */
package io.tradewind.model.settlement;
