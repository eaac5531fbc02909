package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;

/**
 * The id of a settlement instruction, as trade matching's egress made it (match id, allocation and direction): unique
 * across parties, so it alone names the instruction in the book.
 */
public record InstructionId(String value) {
    public InstructionId {
        Require.text(value, "instructionId");
    }

    @Override
    public String toString() {
        return value;
    }
}
