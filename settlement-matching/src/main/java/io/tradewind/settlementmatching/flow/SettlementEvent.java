package io.tradewind.settlementmatching.flow;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.trade.StatusReason;
import java.util.List;

/**
 * What became of one instruction: its new status and version, the instruction it was paired with, and the reasons of a
 * mismatch. Published by matching, consumed by egress, which turns it into a status report for the party and, on the
 * SETTLED event of a pair's DELIVER side, a confirmation for trade matching.
 *
 * @param reportMessageId the id of the status report this event becomes, deterministic so a replay repeats it
 * @param inReplyTo the message the report answers: the instruction's own
 * @param version the instruction's version after this change; with its id it makes the report's id
 * @param confirmation present on exactly one event of a settled pair
 */
public record SettlementEvent(
        String reportMessageId,
        SettlementStatus status,
        String instructionId,
        String party,
        String inReplyTo,
        int version,
        String settlementMatchId,
        String counterpartyInstructionId,
        List<StatusReason> reasons,
        SettlementConfirmation confirmation) {

    public SettlementEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /**
     * The id of the status report about an instruction's change to {@code version}: a replay repeats it. The status is
     * part of it because histories that diverged in a failover can give one version different statuses, and one id
     * for two reports makes the sent-log and the receivers drop the second (see the trade report's id).
     */
    public static String reportId(String instructionId, int version, SettlementStatus status) {
        return "SS-" + instructionId + "-v" + version + "-" + status.name();
    }

    /** The id of the REJECTED report answering an input: one per input, so a replay of the input repeats it. */
    public static String rejectionReportId(String inputKey) {
        return "SR-" + inputKey;
    }
}
