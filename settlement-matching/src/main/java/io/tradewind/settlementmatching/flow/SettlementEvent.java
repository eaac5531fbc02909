package io.tradewind.settlementmatching.flow;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMismatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionSettled;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionUnmatched;
import io.tradewind.settlementmatching.domain.InstructionId;
import io.tradewind.settlementmatching.domain.SettlementMismatch;
import java.util.List;
import java.util.Optional;

/**
 * What became of one instruction: its new status and version, the instruction it was paired with, and the reasons of a
 * mismatch; the flow record of an {@link InstructionEvent}. Published by matching, consumed by egress, which turns it into a status report for the party and, on the
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

    /** The record an event of the lifecycle travels and is kept as (egress reads it, a replay repeats it). */
    public static SettlementEvent of(InstructionEvent event) {
        String settlementMatchId = null;
        InstructionId counterpart = null;
        List<StatusReason> reasons = List.of();
        SettlementConfirmation confirmation = null;
        if (event instanceof InstructionMismatched mismatched) {
            counterpart = mismatched.counterpart();
            reasons = mismatched.reasons().stream()
                    .map(m -> new StatusReason(m.field(), m.code(), m.ours(), m.theirs()))
                    .toList();
        } else if (event instanceof InstructionMatched matched) {
            settlementMatchId = matched.settlementMatchId();
            counterpart = matched.counterpart();
        } else if (event instanceof InstructionSettled settled) {
            settlementMatchId = settled.settlementMatchId();
            counterpart = settled.counterpart();
            confirmation = settled.confirmation().orElse(null);
        }
        String id = event.instructionId().value();
        return new SettlementEvent(
                reportId(id, event.version(), event.status()),
                event.status(),
                id,
                event.party().value(),
                event.inReplyTo(),
                event.version(),
                settlementMatchId,
                counterpart == null ? null : counterpart.value(),
                reasons,
                confirmation);
    }

    /** The lifecycle's event this record carries: the inverse of {@link #of}, for a replay of what was kept. */
    public InstructionEvent toDomain() {
        InstructionId id = new InstructionId(instructionId);
        ParticipantId to = new ParticipantId(party);
        return switch (status) {
            case UNMATCHED -> new InstructionUnmatched(id, to, inReplyTo, version);
            case MISMATCHED ->
                new InstructionMismatched(
                        id,
                        to,
                        inReplyTo,
                        version,
                        new InstructionId(counterpartyInstructionId),
                        reasons.stream()
                                .map(r -> new SettlementMismatch(r.field(), r.code(), r.ours(), r.theirs()))
                                .toList());
            case MATCHED ->
                new InstructionMatched(
                        id, to, inReplyTo, version, settlementMatchId, new InstructionId(counterpartyInstructionId));
            case SETTLED ->
                new InstructionSettled(
                        id,
                        to,
                        inReplyTo,
                        version,
                        settlementMatchId,
                        new InstructionId(counterpartyInstructionId),
                        Optional.ofNullable(confirmation));
            case REJECTED -> throw new IllegalStateException("matching never rejects: " + reportMessageId);
        };
    }
}
