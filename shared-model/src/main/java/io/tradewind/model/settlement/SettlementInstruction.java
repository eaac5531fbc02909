package io.tradewind.model.settlement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One side's instruction to settle one allocation of a matched trade: trade-matching's egress publishes two per
 * allocation (DELIVER and RECEIVE) on {@code settlements.inbound}, and settlement-matching pairs them. The
 * {@code instructionId} is deterministic (match id, allocation and direction), so a re-emitted instruction is harmless.
 */
public record SettlementInstruction(
        String messageId,
        String instructionId,
        String matchId,
        String allocationId,
        Direction direction,
        String party,
        String counterparty,
        String security,
        long quantity,
        BigDecimal settlementAmount,
        String currency,
        LocalDate tradeDate,
        LocalDate intendedSettlementDate) {}
