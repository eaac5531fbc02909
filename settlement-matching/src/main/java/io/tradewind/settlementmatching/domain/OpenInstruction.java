package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.values.Require;

/**
 * A booked instruction still open for matching, as the store hands it to the matcher: the instruction, the order it
 * arrived in (smaller = earlier, which breaks ties between equally good candidates) and its status. Only UNMATCHED and
 * MISMATCHED instructions are open: a MISMATCHED one waits for a counterpart that fully matches.
 */
public record OpenInstruction(SettlementInstruction instruction, long arrivalSequence, SettlementStatus status) {

    public OpenInstruction {
        Matchable.instruction(instruction, "instruction");
        Require.present(status, "status");
        if (status != SettlementStatus.UNMATCHED && status != SettlementStatus.MISMATCHED) {
            throw new IllegalArgumentException("status of an open instruction must be UNMATCHED or MISMATCHED: "
                    + status + " (" + instruction.instructionId() + ")");
        }
    }

    public String instructionId() {
        return instruction.instructionId();
    }
}
