package io.tradewind.model.settlement;

import io.tradewind.model.trade.StatusReason;
import java.util.List;

/**
 * What settlement-matching tells a settlement desk about one of its instructions, published on the private queue of
 * the instruction's party, {@code settlements.status.<participantId>}. {@code inReplyTo}
 * is the messageId that caused the report; {@code settlementMatchId} and {@code counterpartyInstructionId} are set once
 * the instruction is paired. Only messageId and status are always present: a body too broken to read has no
 * instructionId or party to report.
 */
public record SettlementStatusReport(
        String messageId,
        String inReplyTo,
        String instructionId,
        String party,
        SettlementStatus status,
        String settlementMatchId,
        String counterpartyInstructionId,
        List<StatusReason> reasons) {

    public SettlementStatusReport {
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (status == null) throw new IllegalArgumentException("status is null");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
