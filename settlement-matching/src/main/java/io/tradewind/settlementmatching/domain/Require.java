package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementInstruction;

/** Invariant checks that name the broken field, as the style guide asks of domain values. */
final class Require {
    private Require() {}

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + value);
        }
        return value;
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
        return value;
    }

    /**
     * An instruction with every field matching reads: the decoder guarantees it for instructions off the wire, this
     * guards instructions built elsewhere (a store, a test) so a gap fails here, naming the field, not deep inside.
     */
    static SettlementInstruction matchable(SettlementInstruction instruction, String name) {
        present(instruction, name);
        text(instruction.instructionId(), name + ".instructionId");
        present(instruction.direction(), name + ".direction");
        text(instruction.party(), name + ".party");
        text(instruction.counterparty(), name + ".counterparty");
        text(instruction.security(), name + ".security");
        positive(instruction.quantity(), name + ".quantity");
        present(instruction.settlementAmount(), name + ".settlementAmount");
        text(instruction.currency(), name + ".currency");
        present(instruction.tradeDate(), name + ".tradeDate");
        present(instruction.intendedSettlementDate(), name + ".intendedSettlementDate");
        return instruction;
    }
}
