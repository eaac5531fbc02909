package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;
import java.util.List;
import java.util.Optional;

/**
 * What the settlement lifecycle did to one booked instruction: each event moves it to a new version and becomes one
 * status report to its party. Matching publishes them, egress reports them (and sends the confirmation a settled pair
 * carries to trade matching).
 */
public sealed interface InstructionEvent
        permits InstructionEvent.InstructionUnmatched,
                InstructionEvent.InstructionMismatched,
                InstructionEvent.InstructionMatched,
                InstructionEvent.InstructionSettled {

    InstructionId instructionId();

    /** The party the status report goes to: the instruction's sender. */
    ParticipantId party();

    /** The id of the message that booked the instruction, which the report answers. */
    String inReplyTo();

    /** The instruction's version after this change. */
    int version();

    /** The status the report states. */
    SettlementStatus status();

    /** What every report needs: the instruction, the party it goes to, and a version after its booking (0). */
    private static void requireReport(InstructionId instructionId, ParticipantId party, int version) {
        Require.present(instructionId, "instructionId");
        Require.present(party, "party");
        Require.positive(version, "version");
    }

    /** No open instruction of the opposite direction pairs with it yet: it waits. */
    record InstructionUnmatched(InstructionId instructionId, ParticipantId party, String inReplyTo, int version)
            implements InstructionEvent {
        public InstructionUnmatched {
            requireReport(instructionId, party, version);
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.UNMATCHED;
        }
    }

    /**
     * Paired with {@code counterpart}, but they disagree: one reason per differing field, from this instruction's point
     * of view. Both stay open for a counterpart that matches.
     */
    record InstructionMismatched(
            InstructionId instructionId,
            ParticipantId party,
            String inReplyTo,
            int version,
            InstructionId counterpart,
            List<SettlementMismatch> reasons)
            implements InstructionEvent {
        public InstructionMismatched {
            requireReport(instructionId, party, version);
            Require.present(counterpart, "counterpart");
            reasons = List.copyOf(Require.present(reasons, "reasons"));
            if (reasons.isEmpty()) throw new IllegalArgumentException("reasons must not be empty for a mismatch");
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.MISMATCHED;
        }
    }

    /** Paired with {@code counterpart} and every compared field agrees: the pair is {@code settlementMatchId}. */
    record InstructionMatched(
            InstructionId instructionId,
            ParticipantId party,
            String inReplyTo,
            int version,
            String settlementMatchId,
            InstructionId counterpart)
            implements InstructionEvent {
        public InstructionMatched {
            requireReport(instructionId, party, version);
            Require.text(settlementMatchId, "settlementMatchId");
            Require.present(counterpart, "counterpart");
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.MATCHED;
        }
    }

    /**
     * The matched pair {@code settlementMatchId} settled (at once: the sandbox has no CSD). The DELIVER side's event
     * carries the pair's confirmation for trade matching; the RECEIVE side's carries none, so a pair is confirmed once.
     */
    record InstructionSettled(
            InstructionId instructionId,
            ParticipantId party,
            String inReplyTo,
            int version,
            String settlementMatchId,
            InstructionId counterpart,
            Optional<SettlementConfirmation> confirmation)
            implements InstructionEvent {
        public InstructionSettled {
            requireReport(instructionId, party, version);
            Require.text(settlementMatchId, "settlementMatchId");
            Require.present(counterpart, "counterpart");
            Require.present(confirmation, "confirmation");
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.SETTLED;
        }
    }
}
