package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.values.Require;

/** What matching needs of an instruction. */
final class Matchable {
    private Matchable() {}

    /**
     * An instruction with every field matching reads: the decoder guarantees it for instructions off the wire, this
     * guards instructions built elsewhere (a store, a test) so a gap fails here, naming the field, not deep inside.
     */
    static SettlementInstruction instruction(SettlementInstruction instruction, String name) {
        Require.present(instruction, name);
        Require.text(instruction.instructionId(), name + ".instructionId");
        Require.present(instruction.direction(), name + ".direction");
        Require.text(instruction.party(), name + ".party");
        Require.text(instruction.counterparty(), name + ".counterparty");
        Require.text(instruction.security(), name + ".security");
        Require.positive(instruction.quantity(), name + ".quantity");
        Require.present(instruction.settlementAmount(), name + ".settlementAmount");
        Require.text(instruction.currency(), name + ".currency");
        Require.present(instruction.tradeDate(), name + ".tradeDate");
        Require.present(instruction.intendedSettlementDate(), name + ".intendedSettlementDate");
        return instruction;
    }
}
