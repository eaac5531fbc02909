package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;

/**
 * The state a batch leaves a booked instruction in, for the book to write: its status and version, and the pair or
 * counterpart it is tied to ({@code settlementMatchId} only once MATCHED or SETTLED, {@code counterpart} once paired;
 * both null while UNMATCHED).
 */
public record InstructionChange(
        InstructionId instructionId,
        InstructionStatus status,
        int version,
        String settlementMatchId,
        InstructionId counterpart) {
    public InstructionChange {
        Require.present(instructionId, "instructionId");
        Require.present(status, "status");
    }
}
